'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { path: '', label: 'Overview' },
  { path: '/rounds', label: 'Rounds' },
  { path: '/models', label: 'Models & learning curve' },
  { path: '/data', label: 'Data' },
  { path: '/members', label: 'Members' },
  { path: '/settings', label: 'Settings' },
];

export function ProjectTabs({ projectId }: { projectId: string }) {
  const pathname = usePathname();
  const base = `/admin/projects/${projectId}`;
  return (
    <nav className="tabs" aria-label="Project">
      {TABS.map((t) => {
        const href = base + t.path;
        const active = t.path === '' ? pathname === base : pathname.startsWith(href);
        return (
          <Link key={t.label} href={href} aria-current={active ? 'page' : undefined}>
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
