import type { Db } from '../client.ts';
import type { RoundStatus } from '../generated/prisma/enums.ts';

/** Just the round's status (cheap enough to poll during training), or null when the round is gone. */
export async function findRoundStatus(db: Db, opts: { roundId: string }): Promise<RoundStatus | null> {
  return (await db.round.findUnique({ where: { id: opts.roundId }, select: { status: true } }))?.status ?? null;
}
