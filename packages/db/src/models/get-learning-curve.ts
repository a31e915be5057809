import type { Db } from '../client.ts';
import { parseDataSummary, parseModelMetrics, type ModelMetrics } from './model-json.ts';

export interface CurvePoint {
  modelVersionId: string;
  round: number | null;
  maskedShare: number;
  masks: number;
  seenAccuracy: number | null;
  seenAuc: number | null;
  unseenAccuracy: number | null;
  unseenAuc: number | null;
}

export interface LearningCurve {
  points: CurvePoint[];
  /**
   * The no-mask baseline the worker trains per data version (else any model trained with no masks at all).
   * The round-0 model of a project whose round-0 tasks were answered is NOT one: it saw the round-0 masks.
   */
  baseline: CurvePoint | null;
}

const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function toPoint(m: { id: string; metrics: ModelMetrics; round: { number: number } | null }): CurvePoint {
  const metrics = m.metrics;
  return {
    modelVersionId: m.id,
    round: m.round?.number ?? null,
    maskedShare: num(metrics.maskedShare) ?? 0,
    masks: num(metrics.masks) ?? 0,
    seenAccuracy: num(metrics.seen?.accuracy),
    seenAuc: num(metrics.seen?.auc),
    unseenAccuracy: num(metrics.unseen?.accuracy),
    unseenAuc: num(metrics.unseen?.auc),
  };
}

/** Evaluated models in round order: test accuracy and AUC against the share of training fakes masked. */
export async function getLearningCurve(db: Db, opts: { projectId: string }): Promise<LearningCurve> {
  const models = await db.modelVersion.findMany({
    where: { projectId: opts.projectId, status: 'ready' },
    orderBy: { createdAt: 'asc' },
    select: { id: true, metrics: true, dataSummary: true, baselineFor: true, round: { select: { number: true } } },
    take: 500,
  });
  const withMetrics = models.flatMap((m) => {
    const metrics = parseModelMetrics(m.metrics, m.id);
    return metrics ? [{ ...m, metrics, dataSummary: parseDataSummary(m.dataSummary, m.id) }] : [];
  });
  // The worker's baseline job (one per data version) first; else any model that saw no masks.
  const isBaseline = (m: (typeof withMetrics)[number]) => m.dataSummary?.masked === 0;
  const base = withMetrics.filter((m) => m.baselineFor).at(-1) ?? withMetrics.filter(isBaseline).at(-1);
  return {
    points: withMetrics.filter((m) => m.round).map(toPoint).sort((a, b) => (a.round ?? 0) - (b.round ?? 0)),
    baseline: base ? toPoint(base) : null,
  };
}
