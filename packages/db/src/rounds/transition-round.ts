import type { Db } from '../client.ts';
import type { Prisma, Round, RoundStatus } from '../generated/prisma/client.ts';
import { withdrawOpenTasks } from './withdraw-open-tasks.ts';

/**
 * Compare-and-set on a round's status: moves only from one of `from`. Returns the updated round, or null
 * when the round was elsewhere (a duplicate or late job then does nothing). Moving to any status but
 * 'annotating' withdraws the round's unanswered tasks in the same transaction, so closing annotation early
 * (an admin, the schedule), cancelling or failing never leaves tasks on offer.
 */
export async function transitionRound(
  db: Db,
  opts: { roundId: string; from: RoundStatus[]; to: RoundStatus; data?: Omit<Prisma.RoundUpdateManyMutationInput, 'status'> },
): Promise<Round | null> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.round.updateMany({
      where: { id: opts.roundId, status: { in: opts.from } },
      data: { ...opts.data, status: opts.to, ...(opts.to === 'completed' || opts.to === 'failed' || opts.to === 'cancelled' ? { completedAt: new Date() } : {}) },
    });
    if (count !== 1) return null;
    if (opts.to !== 'annotating') await withdrawOpenTasks(tx, { roundId: opts.roundId });
    return tx.round.findUnique({ where: { id: opts.roundId } });
  });
}

/**
 * Live progress for the dashboard (phase, percent, losses, images/s, …). What earlier phases recorded for the
 * whole round — the training loss curve (`history`), the selection's `strategy` and `strategyNote` — is kept
 * when a later phase writes its own progress without them.
 */
export async function setRoundProgress(db: Db, roundId: string, progress: Prisma.InputJsonValue): Promise<void> {
  const json = JSON.stringify(progress);
  await db.$executeRaw`
    UPDATE "Round" SET progress =
      jsonb_strip_nulls(jsonb_build_object('history', progress->'history', 'strategy', progress->'strategy', 'strategyNote', progress->'strategyNote'))
      || ${json}::jsonb
    WHERE id = ${roundId}`;
}
