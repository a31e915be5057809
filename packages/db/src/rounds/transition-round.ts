import type { Db } from '../client.ts';
import type { Prisma, Round } from '../generated/prisma/client.ts';
import { FINAL_ROUND_STATUSES, ROUND_TRANSITIONS, type RoundEvent } from './round-machine.ts';

/**
 * Apply a round event (round-machine.ts) as a compare-and-set on the round's status: it moves only from one
 * of the event's `from` statuses. Returns the updated round, or null when the round was elsewhere (a
 * duplicate or late job then does nothing).
 */
export async function transitionRound(
  db: Db,
  opts: { roundId: string; event: RoundEvent; data?: Omit<Prisma.RoundUpdateManyMutationInput, 'status'> },
): Promise<Round | null> {
  const { from, to } = ROUND_TRANSITIONS[opts.event];
  const final = (FINAL_ROUND_STATUSES as readonly string[]).includes(to);
  const { count } = await db.round.updateMany({
    where: { id: opts.roundId, status: { in: [...from] } },
    data: { ...opts.data, status: to, ...(final ? { completedAt: new Date() } : {}) },
  });
  return count === 1 ? db.round.findUnique({ where: { id: opts.roundId } }) : null;
}
