import type { Db } from '../client.ts';
import type { Label, Mask, Novelty, Sample, Split } from '../generated/prisma/client.ts';
import { USABLE_MASK } from './usable-mask.ts';

export type SampleWithMask = Sample & { mask: Pick<Mask, 'id' | 'encoding' | 'data' | 'width' | 'height' | 'area' | 'noForgery'> | null };

const maskSelect = { id: true, encoding: true, data: true, width: true, height: true, area: true, noForgery: true } as const;

/**
 * Samples of a split with, for each, the mask that counts: for training, the latest non-reference mask a
 * reviewer has not rejected; for evaluation (`reference: true`), the latest reference (ground-truth) mask.
 */
export async function listSamplesWithMasks(
  db: Db,
  opts: { projectId: string; split: Split; label?: Label; novelty?: Novelty; reference: boolean },
): Promise<SampleWithMask[]> {
  const samples = await db.sample.findMany({
    where: { projectId: opts.projectId, split: opts.split, ...(opts.label ? { label: opts.label } : {}), ...(opts.novelty ? { novelty: opts.novelty } : {}) },
    orderBy: { id: 'asc' },
    include: {
      masks: {
        where: opts.reference ? { reference: true } : USABLE_MASK,
        orderBy: { version: 'desc' },
        take: 1,
        select: maskSelect,
      },
    },
  });
  return samples.map(({ masks, ...s }) => ({ ...s, mask: masks[0] ?? null }));
}

/**
 * The active-learning pool: training fakes with no usable (non-reference, not rejected) mask and no open
 * annotation task. Real samples need no mask.
 */
export function listPool(db: Db, opts: { projectId: string }): Promise<Pick<Sample, 'id' | 'storageKey' | 'width' | 'height'>[]> {
  return db.sample.findMany({
    where: {
      projectId: opts.projectId,
      split: 'train',
      label: 'fake',
      masks: { none: USABLE_MASK },
      tasks: { none: { status: { in: ['queued', 'leased', 'submitted'] } } },
    },
    select: { id: true, storageKey: true, width: true, height: true },
    orderBy: { id: 'asc' },
  });
}
