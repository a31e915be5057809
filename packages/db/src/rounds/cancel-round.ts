import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { transitionRound } from './transition-round.ts';

/**
 * Cancel a round (typically a running training). A compare-and-set to 'cancelled': the worker's next
 * transition (training → evaluating) then finds the round elsewhere and stops, so the model is never
 * evaluated or promoted. Open tasks are withdrawn (expired) by the transition itself; the round's model is marked failed.
 * The training already running finishes its epochs unless the worker checks the status (see the report).
 */
export async function cancelRound(db: Db, opts: { projectId: string; roundId: string; actorId: string | null }) {
  const round = await db.round.findFirst({ where: { id: opts.roundId, projectId: opts.projectId } });
  if (!round) throw new DomainError('not_found', 'No such round.');
  const moved = await transitionRound(db, { roundId: round.id, event: 'cancel', data: { error: 'cancelled by an admin' } });
  if (!moved) throw new DomainError('conflict', `Round ${round.number} is ${round.status}; only a round before evaluation can be cancelled.`);
  await db.modelVersion.updateMany({ where: { roundId: round.id, status: { in: ['training', 'evaluating'] } }, data: { status: 'failed', error: 'round cancelled by an admin' } });
  await recordAuditEvent(db, { action: 'round.cancel', actorId: opts.actorId, projectId: opts.projectId, targetType: 'round', targetId: round.id, data: { number: round.number, from: round.status } });
  return moved;
}
