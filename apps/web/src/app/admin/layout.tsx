import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { requirePageUser } from '@/server/session';

export const dynamic = 'force-dynamic';

const nav = [
  { href: '/admin', label: 'Projects' },
  { href: '/admin/people', label: 'People' },
  { href: '/admin/queues', label: 'Queues' },
  { href: '/work', label: 'Annotate' },
  { href: '/review', label: 'Review' },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('admin', '/admin');
  return (
    <AppShell user={user} nav={nav}>
      {children}
    </AppShell>
  );
}
