import Link from 'next/link';
import { getAnnotatorStats, getDb, listMyTasks, type MyTaskState } from '@lae-studio/db';
import { AppShell } from '@/components/app-shell';
import { MaskThumbnail } from '@/components/mask-thumbnail';
import { requirePageUser } from '@/server/session';
import { workNav } from '../nav';

export const dynamic = 'force-dynamic';

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

const STATE_TEXT: Record<MyTaskState, string> = {
  submitted: 'waiting for review',
  accepted: 'accepted',
  corrected: 'accepted with a reviewer’s correction',
  returned: 'returned to you',
  rejected: 'rejected (the round has closed)',
};

/** An annotator's own work: the day's numbers, then every task submitted, with where it stands and the reviewer's note. */
export default async function MyWork() {
  const user = await requirePageUser('annotator', '/work/mine');
  const today = new Date();
  today.setHours(0, 0, 0, 0); // the server's day
  const actor = { id: user.id, role: user.role };
  const [stats, tasks] = await Promise.all([getAnnotatorStats(getDb(), { userId: user.id, since: today }), listMyTasks(getDb(), { actor })]);
  const returned = tasks.filter((t) => t.state === 'returned');
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
            accepted after a correction <b>{stats.corrected}</b>
          </div>
          <div className="stat">
            rejected <b>{stats.rejected}</b>
          </div>
          <div className="stat">
            awaiting review <b>{stats.pending}</b>
          </div>
        </section>
      </div>
      {returned.length > 0 && (
        <p className="notice" data-testid="returned-notice">
          {returned.length === 1 ? 'One task was returned to you' : `${returned.length} tasks were returned to you`} with a reviewer’s note: reopen it below.
        </p>
      )}
      <h2>My tasks</h2>
      {tasks.length === 0 && <p className="muted">Nothing submitted yet.</p>}
      <ul className="task-list" data-testid="my-tasks">
        {tasks.map((t) => (
          <li key={t.taskId} className={`task-item state-${t.state}`} data-testid="my-task" data-task-id={t.taskId} data-state={t.state}>
            <MaskThumbnail sampleId={t.sampleId} width={t.width} height={t.height} counts={t.encoding === 'rle' && !t.noForgery ? new TextDecoder().decode(t.data) : null} />
            <div>
              <div>
                <b>{t.sampleName}</b> <span className="muted">· {t.projectName}</span>
              </div>
              <div>
                <span className={`badge state-${t.state}`}>{STATE_TEXT[t.state]}</span>{' '}
                <span className="muted">
                  submission {t.submission} · {t.noForgery ? 'no visible forgery' : `${t.area} px`} · {t.submittedAt.toISOString().slice(0, 16).replace('T', ' ')}
                </span>
              </div>
              {t.reviewNote && (
                <blockquote className="review-note" data-testid="my-task-note">
                  {t.reviewNote}
                </blockquote>
              )}
            </div>
            {t.canReopen && (
              <Link className="button" href={`/work/tasks/${t.taskId}`} data-testid="reopen">
                Reopen and fix
              </Link>
            )}
          </li>
        ))}
      </ul>
    </AppShell>
  );
}
