import Link from 'next/link';
import { getDb, listReviewQueue } from '@lae-studio/db';
import { AppShell } from '@/components/app-shell';
import { MaskThumbnail } from '@/components/mask-thumbnail';
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
      {items[0] && (
        <p>
          <Link className="button" href={`/review/${items[0].maskId}`}>
            Start reviewing ({items.length})
          </Link>{' '}
          <span className="muted">A accept · R reject · J / K next / previous · ? all keys</span>
        </p>
      )}
      <ul className="task-list" data-testid="review-queue">
        {items.map((m) => (
          <li key={m.maskId} className="task-item" data-testid="review-item">
            <MaskThumbnail sampleId={m.sampleId} width={m.width} height={m.height} counts={m.encoding === 'rle' && !m.noForgery ? new TextDecoder().decode(m.data) : null} size={72} />
            <div>
              <Link href={`/review/${m.maskId}`}>{m.sampleName}</Link> <span className="muted">· {m.projectName}</span>
              <div className="muted">
                submission {m.submission}
                {m.submission > 1 ? ' (reworked after a rejection)' : ''} · {m.noForgery ? 'no visible forgery' : `${m.area} px`} · {m.authorEmail} · {m.submittedAt.toISOString().slice(0, 16).replace('T', ' ')}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </AppShell>
  );
}
