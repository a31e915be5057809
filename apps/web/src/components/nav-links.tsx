'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { NavItem } from './app-shell';

/** The item a path belongs to: the longest href that is the path or a prefix of it at a segment boundary. */
export function activeHref(pathname: string, hrefs: string[]): string | undefined {
  return hrefs.filter((h) => pathname === h || pathname.startsWith(`${h}/`)).sort((a, b) => b.length - a.length)[0];
}

/** The sidebar's links, grouped, with the current page's item highlighted (aria-current="page"). */
export function NavLinks({ nav }: { nav: NavItem[] }) {
  const pathname = usePathname() ?? '';
  const active = activeHref(pathname, nav.flatMap((i) => (i.href ? [i.href] : [])));
  return (
    <>
      {nav.map((item, k) => (
        <div key={item.label}>
          {item.group && item.group !== nav[k - 1]?.group && <div className="nav-group">{item.group}</div>}
          {item.href ? (
            <Link href={item.href} className={item.href === active ? 'active' : undefined} aria-current={item.href === active ? 'page' : undefined}>
              {item.label}
            </Link>
          ) : (
            <span className="soon" title="Coming with a later release">
              {item.label}
            </span>
          )}
        </div>
      ))}
    </>
  );
}
