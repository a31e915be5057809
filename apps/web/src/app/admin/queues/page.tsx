import { LiveRefresh } from '@/components/admin/live-refresh';
import { RetryButton } from '@/components/admin/queue-actions';
import { JOB_STATES, type QueueStats } from '@/contracts/queues';
import { queueStats } from '@/server/admin/queues';
import { requirePageUser } from '@/server/session';
import { when } from '@/server/admin/format';

export const dynamic = 'force-dynamic';

export default async function QueuesPage() {
  await requirePageUser('admin', '/admin/queues');
  let queues: QueueStats[] = [];
  let error: string | null = null;
  try {
    queues = await queueStats();
  } catch (err) {
    error = `Redis is unreachable: ${err instanceof Error ? err.message : String(err)}`;
  }
  return (
    <>
      <div className="row spread">
        <h1>Queues</h1>
        <LiveRefresh active seconds={5} />
      </div>
      {error && <p className="error">{error}</p>}
      <table className="table" data-testid="queue-counts">
        <thead>
          <tr>
            <th>queue</th>
            {JOB_STATES.map((s) => (
              <th key={s} className="num">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr key={q.name}>
              <td>{q.name}</td>
              {JOB_STATES.map((s) => (
                <td key={s} className="num">
                  {q.counts[s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Failed jobs</h2>
      {queues.every((q) => q.failed.length === 0) && <p className="muted">None.</p>}
      {queues
        .filter((q) => q.failed.length)
        .map((q) => (
          <section key={q.name} className="card">
            <h3>{q.name}</h3>
            <table className="table">
              <tbody>
                {q.failed.map((j) => (
                  <tr key={j.id}>
                    <td className="small">
                      {j.name}
                      <div className="muted">{j.id}</div>
                    </td>
                    <td className="small error-text">{j.failedReason}</td>
                    <td className="small">
                      {j.attemptsMade} attempts · {when(j.finishedOn ? new Date(j.finishedOn) : null)}
                    </td>
                    <td>
                      <RetryButton queue={q.name} jobId={j.id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
    </>
  );
}
