import type { Db } from '../client.ts';
import type { Mask, Sample } from '../generated/prisma/client.ts';
import { USABLE_MASK } from './usable-mask.ts';

/**
 * A project's fakes with the mask that counts, oldest id first: the latest usable (not rejected, not
 * "no forgery") annotation mask, or with `reference` the latest ground-truth mask. Fakes without one are left out.
 */
export async function listMaskedFakes(db: Db, opts: { projectId: string; reference: boolean }): Promise<(Sample & { mask: Mask })[]> {
  const which = opts.reference ? { reference: true } : { ...USABLE_MASK, noForgery: false };
  const samples = await db.sample.findMany({
    where: { projectId: opts.projectId, label: 'fake', masks: { some: which } },
    orderBy: { id: 'asc' },
    include: { masks: { where: which, orderBy: { version: 'desc' }, take: 1 } },
  });
  return samples.map(({ masks, ...s }) => ({ ...s, mask: masks[0]! }));
}
