import { z } from 'zod';
import type { Db } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { SAMPLE_COLUMNS } from './sample-columns.ts';
import { USABLE_MASK } from './usable-mask.ts';

export const sampleFilterSchema = z.object({
  split: z.enum(['train', 'val', 'test']).optional(),
  label: z.enum(['real', 'fake']).optional(),
  manipulation: z.string().trim().min(1).max(120).optional(),
  novelty: z.enum(['seen', 'unseen']).optional(),
  masked: z.enum(['yes', 'no']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(48),
});
export type SampleFilter = z.infer<typeof sampleFilterSchema>;

/** "Masked" means a usable (non-reference, not rejected) mask, as for the budget. */
const usableMask: Prisma.MaskWhereInput = USABLE_MASK;

/** One page of a project's samples (by id, stable), with the total matching count. */
export async function browseSamples(db: Db, opts: { projectId: string; filter: SampleFilter }) {
  const f = opts.filter;
  const where: Prisma.SampleWhereInput = {
    projectId: opts.projectId,
    ...(f.split ? { split: f.split } : {}),
    ...(f.label ? { label: f.label } : {}),
    ...(f.manipulation ? { manipulation: f.manipulation === 'none' ? null : f.manipulation } : {}),
    ...(f.novelty ? { novelty: f.novelty } : {}),
    ...(f.masked === 'yes' ? { masks: { some: usableMask } } : f.masked === 'no' ? { masks: { none: usableMask } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.sample.count({ where }),
    db.sample.findMany({
      where,
      orderBy: { id: 'asc' },
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      select: {
        ...SAMPLE_COLUMNS,
        _count: { select: { masks: { where: usableMask } } },
        scores: { orderBy: { createdAt: 'desc' }, take: 1, select: { pFake: true } },
      },
    }),
  ]);
  return {
    total,
    page: f.page,
    pageSize: f.pageSize,
    pages: Math.max(1, Math.ceil(total / f.pageSize)),
    samples: rows.map(({ _count, scores, ...s }) => ({ ...s, masks: _count.masks, pFake: scores[0]?.pFake ?? null })),
  };
}

/** Distinct manipulations of a project (for the filter's options). */
export async function listManipulations(db: Db, opts: { projectId: string }): Promise<string[]> {
  const rows = await db.sample.groupBy({ by: ['manipulation'], where: { projectId: opts.projectId, manipulation: { not: null } } });
  return rows.map((r) => r.manipulation!).sort();
}
