import type { Db } from '../client.ts';

/**
 * Queue annotation tasks for selected samples. (roundId, sampleId) is unique, so a duplicated or retried
 * select job creates no duplicate tasks. Returns how many were new.
 */
export async function queueTasks(
  db: Db,
  opts: { projectId: string; roundId: string; picks: { sampleId: string; priority: number; scoreId?: string | null }[] },
): Promise<number> {
  const { count } = await db.annotationTask.createMany({
    data: opts.picks.map((p) => ({ projectId: opts.projectId, roundId: opts.roundId, sampleId: p.sampleId, priority: p.priority, scoreId: p.scoreId ?? null })),
    skipDuplicates: true,
  });
  return count;
}

/** Task counts of a round by status, and whether annotation is finished (nothing queued or leased). */
export async function roundTaskSummary(db: Db, opts: { roundId: string }) {
  const groups = await db.annotationTask.groupBy({ by: ['status'], where: { roundId: opts.roundId }, _count: { _all: true } });
  const byStatus = Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Record<string, number>;
  const total = groups.reduce((n, g) => n + g._count._all, 0);
  const open = (byStatus.queued ?? 0) + (byStatus.leased ?? 0);
  return { total, open, byStatus, done: total > 0 && open === 0 };
}
