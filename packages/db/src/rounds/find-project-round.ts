import type { Db } from '../client.ts';

/**
 * A round of a project with how many of its open tasks have a ground-truth (reference) mask — what the
 * simulation's oracle can answer. Null when the round is not the project's.
 */
export async function findProjectRound(db: Db, opts: { projectId: string; roundId: string }) {
  const round = await db.round.findFirst({ where: { id: opts.roundId, projectId: opts.projectId }, select: { id: true, number: true, status: true } });
  if (!round) return null;
  const [open, answerable] = await Promise.all([
    db.annotationTask.count({ where: { roundId: round.id, status: { in: ['queued', 'leased'] } } }),
    db.annotationTask.count({ where: { roundId: round.id, status: { in: ['queued', 'leased'] }, sample: { masks: { some: { reference: true } } } } }),
  ]);
  return { ...round, openTasks: open, oracleAnswerable: answerable };
}
