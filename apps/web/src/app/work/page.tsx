import Link from 'next/link';
import { getDb, listWorkableProjects } from '@lae-studio/db';
import { AppShell } from '@/components/app-shell';
import { requirePageUser } from '@/server/session';
import { workNav } from './nav';
import { StartButton } from './start-button';

export const dynamic = 'force-dynamic';

export default async function WorkHome({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const user = await requirePageUser('annotator', '/work');
  const { done } = await searchParams;
  const projects = await listWorkableProjects(getDb(), { actor: { id: user.id, role: user.role } });
  const waiting = projects.filter((p) => p.queued > 0 || p.leasedTaskId);
  return (
    <AppShell user={user} nav={workNav(user)}>
      <h1>My tasks</h1>
      {done && <p className="muted">Thanks — that was the last task waiting for you.</p>}
      {waiting.length === 0 && <p className="muted">No task is waiting for you. Tasks appear here when an active-learning round asks for masks.</p>}
      <div className="cards" data-testid="work-projects">
        {waiting.map((p) => (
          <section key={p.id} className="card" data-testid={`work-project-${p.id}`}>
            <h3>{p.name}</h3>
            <div className="stat">
              waiting for you <b>{p.queued}</b>
            </div>
            <div style={{ marginTop: 12 }}>
              {p.leasedTaskId ? (
                <Link className="button" href={`/work/tasks/${p.leasedTaskId}`}>
                  Resume your task
                </Link>
              ) : (
                <StartButton projectId={p.id} />
              )}
            </div>
          </section>
        ))}
      </div>
    </AppShell>
  );
}
