import type { Db } from '../client.ts';
import type { RoundStatus } from '../generated/prisma/enums.ts';

/** The project's newest round's number and status, or null before its first round (names round-open jobs). */
export async function findLatestRound(db: Db, opts: { projectId: string }): Promise<{ number: number; status: RoundStatus } | null> {
  return db.round.findFirst({ where: { projectId: opts.projectId }, orderBy: { number: 'desc' }, select: { number: true, status: true } });
}
