import type { Db } from '../client.ts';
import { transitionRound } from './transition-round.ts';

/** A job failed for good: the round is marked failed, and its model too (never promoted). */
export async function failRound(db: Db, opts: { roundId: string; reason: string }): Promise<void> {
  const error = opts.reason.slice(0, 2000);
  await transitionRound(db, { roundId: opts.roundId, event: 'fail', data: { error } });
  await db.modelVersion.updateMany({ where: { roundId: opts.roundId, status: { in: ['training', 'evaluating'] } }, data: { status: 'failed', error } });
}
