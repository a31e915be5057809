import type { Db } from '../client.ts';

/** A project's sample counts per split, label and novelty, in that order (the CLI's summary table). */
export async function countSamplesBySplit(db: Db, opts: { projectId: string }) {
  const groups = await db.sample.groupBy({ by: ['split', 'label', 'novelty'], where: { projectId: opts.projectId }, _count: { _all: true }, orderBy: [{ split: 'asc' }, { label: 'asc' }, { novelty: 'asc' }] });
  return groups.map((g) => ({ split: g.split, label: g.label, novelty: g.novelty, samples: g._count._all }));
}
