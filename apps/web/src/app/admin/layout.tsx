import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { requirePageUser } from '@/server/session';
import { workNav } from '@/app/work/nav';

export const dynamic = 'force-dynamic';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser('admin', '/admin');
  return (
    <AppShell user={user} nav={workNav(user)}>
      {children}
    </AppShell>
  );
}
