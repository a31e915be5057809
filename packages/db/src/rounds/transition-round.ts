import type { Db } from '../client.ts';
import type { Prisma, Round } from '../generated/prisma/client.ts';
import { FINAL_ROUND_STATUSES, ROUND_TRANSITIONS, type RoundEvent } from './round-machine.ts';
import { withdrawOpenTasks } from './withdraw-open-tasks.ts';

/**
 * Apply a round event (round-machine.ts) as a compare-and-set on the round's status: it moves only from one
 * of the event's `from` statuses. Returns the updated round, or null when the round was elsewhere (a
 * duplicate or late job then does nothing). Moving to any status but 'annotating' withdraws the round's
 * unanswered tasks in the same transaction, so closing annotation early (an admin, the schedule), cancelling or
 * failing never leaves tasks on offer.
 */
export async function transitionRound(
  db: Db,
  opts: { roundId: string; event: RoundEvent; data?: Omit<Prisma.RoundUpdateManyMutationInput, 'status'> },
): Promise<Round | null> {
  const { from, to } = ROUND_TRANSITIONS[opts.event];
  const final = (FINAL_ROUND_STATUSES as readonly string[]).includes(to);
  return db.$transaction(async (tx) => {
    const { count } = await tx.round.updateMany({
      where: { id: opts.roundId, status: { in: [...from] } },
      data: { ...opts.data, status: to, ...(final ? { completedAt: new Date() } : {}) },
    });
    if (count !== 1) return null;
    if (to !== 'annotating') await withdrawOpenTasks(tx, { roundId: opts.roundId });
    return tx.round.findUnique({ where: { id: opts.roundId } });
  });
}
