import type { NavItem } from '@/components/app-shell';
import type { SessionUser } from '@/server/session';

/**
 * The side navigation, by role, the same on every page: the workspace's items, then — for admins — the admin
 * ones (an admin on /work or /review keeps Projects, People and Queues).
 */
export function workNav(user: SessionUser): NavItem[] {
  return [
    { href: '/work', label: 'My tasks', group: 'Workspace' },
    { href: '/work/mine', label: 'My work', group: 'Workspace' },
    ...(user.role !== 'annotator' ? [{ href: '/review', label: 'Review', group: 'Workspace' }] : []),
    ...(user.role === 'admin'
      ? [
          { href: '/admin', label: 'Projects', group: 'Admin' },
          { href: '/admin/people', label: 'People', group: 'Admin' },
          { href: '/admin/queues', label: 'Queues', group: 'Admin' },
        ]
      : []),
  ];
}
