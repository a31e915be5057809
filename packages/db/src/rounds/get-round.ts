import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Project, Round } from '../generated/prisma/client.ts';

/** A round by id; a DomainError not_found when there is none. */
export async function getRound(db: Db, opts: { roundId: string }): Promise<Round> {
  const round = await db.round.findUnique({ where: { id: opts.roundId } });
  if (!round) throw new DomainError('not_found', `No round ${opts.roundId}.`);
  return round;
}

/** A round with its project (the settings its phases run with); a DomainError not_found when there is none. */
export async function getRoundWithProject(db: Db, opts: { roundId: string }): Promise<Round & { project: Project }> {
  const round = await db.round.findUnique({ where: { id: opts.roundId }, include: { project: true } });
  if (!round) throw new DomainError('not_found', `No round ${opts.roundId}.`);
  return round;
}
