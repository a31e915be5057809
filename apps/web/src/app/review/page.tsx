import Link from 'next/link';
import { getDb, listReviewQueue } from '@lae-studio/db';
import { AppShell } from '@/components/app-shell';
import { requirePageUser } from '@/server/session';
import { workNav } from '../work/nav';

export const dynamic = 'force-dynamic';

export default async function ReviewQueue() {
  const user = await requirePageUser('reviewer', '/review');
  const items = await listReviewQueue(getDb(), { actor: { id: user.id, role: user.role } });
  return (
    <AppShell user={user} nav={workNav(user)}>
      <h1>Review</h1>
      {items.length === 0 && <p className="muted">No mask is waiting for review.</p>}
      <table className="review-table" data-testid="review-queue">
        <tbody>
          {items.map((m) => (
            <tr key={m.maskId} data-testid="review-item">
              <td>
                <Link href={`/review/${m.maskId}`}>{m.projectName} · sample {m.sampleId.slice(-6)} · v{m.version}</Link>
              </td>
              <td className="muted">{m.noForgery ? 'no visible forgery' : `${m.area} px`}</td>
              <td className="muted">{m.authorEmail}</td>
              <td className="muted">{m.submittedAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </AppShell>
  );
}
