import { getAnnotatorStats, getDb } from '@lae-studio/db';
import { AppShell } from '@/components/app-shell';
import { requirePageUser } from '@/server/session';
import { workNav } from '../nav';

export const dynamic = 'force-dynamic';

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** An annotator's own numbers: tasks done today, median time per task (lease → submit), acceptance rate. */
export default async function MyWork() {
  const user = await requirePageUser('annotator', '/work/mine');
  const today = new Date();
  today.setHours(0, 0, 0, 0); // the server's day
  const stats = await getAnnotatorStats(getDb(), { userId: user.id, since: today });
  return (
    <AppShell user={user} nav={workNav(user)}>
      <h1>My work</h1>
      <div className="cards" data-testid="my-work">
        <section className="card">
          <h3>Today</h3>
          <div className="stat">
            tasks done <b data-testid="done-today">{stats.doneSince}</b>
          </div>
          <div className="stat">
            median time per task <b data-testid="median-time">{duration(stats.medianSeconds)}</b>
          </div>
        </section>
        <section className="card">
          <h3>Review results</h3>
          <div className="stat">
            acceptance rate <b data-testid="acceptance-rate">{stats.acceptanceRate === null ? '—' : `${Math.round(stats.acceptanceRate * 100)}%`}</b>
          </div>
          <div className="stat">
            accepted <b>{stats.accepted}</b>
          </div>
          <div className="stat">
            rejected <b>{stats.rejected}</b>
          </div>
          <div className="stat">
            awaiting review <b>{stats.pending}</b>
          </div>
        </section>
      </div>
    </AppShell>
  );
}
