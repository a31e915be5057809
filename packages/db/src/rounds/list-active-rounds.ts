import type { Db } from '../client.ts';
import type { Round } from '../generated/prisma/client.ts';
import { ACTIVE_ROUND_STATUSES } from './round-machine.ts';

/** Every project's active round (at most one each): what the reconciler checks against the queues. */
export async function listActiveRounds(db: Db): Promise<Round[]> {
  return db.round.findMany({ where: { status: { in: [...ACTIVE_ROUND_STATUSES] } } });
}
