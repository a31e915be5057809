import { AppShell } from '@/components/app-shell';
import { requirePageUser } from '@/server/session';

export const dynamic = 'force-dynamic';

export default async function WorkHome() {
  const user = await requirePageUser('annotator', '/work');
  const nav = [{ href: '/work', label: 'My tasks' }, ...(user.role === 'admin' ? [{ href: '/admin', label: 'Dashboard' }] : [])];
  return (
    <AppShell user={user} nav={nav}>
      <h1>My tasks</h1>
      <p className="muted">No task is waiting for you. Tasks appear here when an active-learning round asks for masks.</p>
    </AppShell>
  );
}
