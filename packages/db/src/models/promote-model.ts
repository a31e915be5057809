import type { Db } from '../client.ts';
import type { PromotionMetric } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { modelMetricsSchema, parseModelMetrics, type ModelMetrics, type SetMetrics } from './model-json.ts';

export type { ModelMetrics, SetMetrics };

/** A model is better than chance on a split when its AUC interval lies above 0.5. */
export function betterThanChance(s: SetMetrics | null | undefined): boolean | null {
  if (!s || s.aucCi === undefined) return null; // not known (no data, or evaluated before intervals existed)
  return s.aucCi !== null && s.aucCi[0] > 0.5;
}

/** How much higher validation accuracy may be than test accuracy before the model is flagged as a shortcut. */
export const SHORTCUT_GAP = 0.15;

export type ModelWarning = { kind: 'shortcut'; set: 'seen' | 'unseen'; gap: number } | { kind: 'chance'; set: 'seen' | 'unseen' };

/** What a reader must not miss: validation far above test (a shortcut), or a test AUC whose interval includes 0.5. */
export function modelWarnings(m: ModelMetrics | null | undefined): ModelWarning[] {
  if (!m) return [];
  const out: ModelWarning[] = [];
  for (const set of ['seen', 'unseen'] as const) {
    const s = m[set];
    if (!s) continue;
    if (m.validation && m.validation.accuracy - s.accuracy > SHORTCUT_GAP) out.push({ kind: 'shortcut', set, gap: m.validation.accuracy - s.accuracy });
    if (betterThanChance(s) === false) out.push({ kind: 'chance', set });
  }
  return out;
}

export function metricValue(m: ModelMetrics | null | undefined, metric: PromotionMetric): number | null {
  if (!m) return null;
  const [set, name] = metric.split('_') as ['seen' | 'unseen', 'accuracy' | 'auc'];
  const v = m[set]?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Record a model's metrics; promote it when it beats the promoted model on the project's metric (or when no
 * model is promoted). A model without a valid value for the metric, or not better than chance on the metric's
 * split, is never promoted (selection then stays random, and says why).
 */
export async function recordEvaluation(
  db: Db,
  opts: { modelVersionId: string; metrics: ModelMetrics; /** false for a reference model (the no-mask baseline). */ promote?: boolean },
): Promise<{ promoted: boolean; previous: number | null; value: number | null; chance: boolean }> {
  return db.$transaction(async (tx) => {
    const model = await tx.modelVersion.update({ where: { id: opts.modelVersionId }, data: { metrics: modelMetricsSchema.parse(opts.metrics), status: 'ready' } });
    const project = await tx.project.findUniqueOrThrow({ where: { id: model.projectId }, include: { promotedModel: true } });
    const value = metricValue(opts.metrics, project.promotionMetric);
    const previous = metricValue(project.promotedModel ? parseModelMetrics(project.promotedModel.metrics, project.promotedModel.id) : null, project.promotionMetric);
    const set = project.promotionMetric.split('_')[0] as 'seen' | 'unseen';
    const chance = project.promoteAboveChanceOnly && betterThanChance(opts.metrics[set]) === false;
    const better = opts.promote !== false && value !== null && !chance && (previous === null || value > previous);
    if (better && project.promotedModelId !== model.id) {
      await tx.project.update({ where: { id: project.id }, data: { promotedModelId: model.id } });
      await tx.modelVersion.update({ where: { id: model.id }, data: { promotedAt: new Date() } });
      await recordAuditEvent(tx, { action: 'model.promote', projectId: project.id, targetType: 'model', targetId: model.id, data: { metric: project.promotionMetric, value, previous } });
    }
    return { promoted: better, previous, value, chance };
  });
}
