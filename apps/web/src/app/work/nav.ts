import type { NavItem } from '@/components/app-shell';
import type { SessionUser } from '@/server/session';

/** The workspace's side navigation, by role. */
export function workNav(user: SessionUser): NavItem[] {
  return [
    { href: '/work', label: 'My tasks' },
    { href: '/work/mine', label: 'My work' },
    ...(user.role !== 'annotator' ? [{ href: '/review', label: 'Review' }] : []),
    ...(user.role === 'admin' ? [{ href: '/admin', label: 'Dashboard' }] : []),
  ];
}
