import type { Db } from '../client.ts';
import { getMaskBudget, type MaskBudget } from '../projects/mask-budget.ts';

export interface SampleGroup {
  split: string;
  label: string;
  manipulation: string | null;
  novelty: string;
  count: number;
}

export interface ProjectOverview {
  samples: { total: number; groups: SampleGroup[] };
  budget: MaskBudget;
  tasksByStatus: Record<string, number>;
  masks: { total: number; reference: number; byReview: Record<string, number> };
}

/** Everything the overview page shows, aggregated in SQL (a handful of GROUP BY queries, never rows). */
export async function getProjectOverview(db: Db, opts: { projectId: string }): Promise<ProjectOverview> {
  const { projectId } = opts;
  const [groups, budget, tasks, maskGroups] = await Promise.all([
    db.sample.groupBy({ by: ['split', 'label', 'manipulation', 'novelty'], where: { projectId }, _count: { _all: true } }),
    getMaskBudget(db, { projectId }),
    db.annotationTask.groupBy({ by: ['status'], where: { projectId }, _count: { _all: true } }),
    db.mask.groupBy({ by: ['reference', 'review'], where: { sample: { projectId } }, _count: { _all: true } }),
  ]);
  const sampleGroups = groups
    .map((g) => ({ split: g.split, label: g.label, manipulation: g.manipulation, novelty: g.novelty, count: g._count._all }))
    .sort((a, b) => a.split.localeCompare(b.split) || a.label.localeCompare(b.label) || (a.manipulation ?? '').localeCompare(b.manipulation ?? ''));
  const byReview: Record<string, number> = {};
  let reference = 0;
  for (const g of maskGroups) {
    if (g.reference) reference += g._count._all;
    else byReview[g.review] = (byReview[g.review] ?? 0) + g._count._all;
  }
  return {
    samples: { total: sampleGroups.reduce((n, g) => n + g.count, 0), groups: sampleGroups },
    budget,
    tasksByStatus: Object.fromEntries(tasks.map((t) => [t.status, t._count._all])),
    masks: { total: maskGroups.reduce((n, g) => n + g._count._all, 0), reference, byReview },
  };
}
