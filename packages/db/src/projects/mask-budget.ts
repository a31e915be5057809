import type { Db } from '../client.ts';
import { USABLE_MASK } from '../samples/usable-mask.ts';

export interface MaskBudget {
  trainFakes: number;
  /** Training fakes that carry a usable mask. */
  masked: number;
  /** Tasks asked for but not yet answered (queued, leased, submitted-awaiting-nothing). */
  open: number;
  /** Masks the whole project may ask for (totalBudgetFraction × trainFakes, at least 1 when there are fakes). */
  total: number;
  /** K for the next round: min(per-round budget, what the total budget leaves). */
  nextRound: number;
  maskedShare: number;
}

export async function getMaskBudget(db: Db, opts: { projectId: string }): Promise<MaskBudget> {
  const { projectId } = opts;
  const project = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { roundBudgetFraction: true, totalBudgetFraction: true } });
  const trainFake = { projectId, split: 'train' as const, label: 'fake' as const };
  const [trainFakes, masked, open] = await Promise.all([
    db.sample.count({ where: trainFake }),
    db.sample.count({ where: { ...trainFake, masks: { some: USABLE_MASK } } }),
    db.annotationTask.count({ where: { projectId, status: { in: ['queued', 'leased'] } } }),
  ]);
  const total = trainFakes === 0 ? 0 : Math.max(1, Math.round(project.totalBudgetFraction * trainFakes));
  const perRound = trainFakes === 0 ? 0 : Math.max(1, Math.round(project.roundBudgetFraction * trainFakes));
  const nextRound = Math.max(0, Math.min(perRound, total - masked - open));
  return { trainFakes, masked, open, total, nextRound, maskedShare: trainFakes ? masked / trainFakes : 0 };
}
