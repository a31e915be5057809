import type { Db } from '../client.ts';
import type { Prisma, PromotionMetric } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';

/** Metrics as stored on a model version: per test set, the usual detection and localization figures. */
export interface SetMetrics {
  n: number;
  accuracy: number;
  auc: number;
  eer: number;
  attentionIoU: number | null;
  pointingGame: number | null;
}
export interface ModelMetrics {
  seen: SetMetrics | null;
  unseen: SetMetrics | null;
  maskedShare: number;
  masks: number;
}

export function metricValue(m: ModelMetrics | null | undefined, metric: PromotionMetric): number | null {
  if (!m) return null;
  const [set, name] = metric.split('_') as ['seen' | 'unseen', 'accuracy' | 'auc'];
  const v = m[set]?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Record a model's metrics; promote it when it beats the promoted model on the project's metric (or when no
 * model is promoted). A model without a valid value for the metric is never promoted.
 */
export async function recordEvaluation(db: Db, opts: { modelVersionId: string; metrics: ModelMetrics }): Promise<{ promoted: boolean; previous: number | null; value: number | null }> {
  return db.$transaction(async (tx) => {
    const model = await tx.modelVersion.update({ where: { id: opts.modelVersionId }, data: { metrics: opts.metrics as unknown as Prisma.InputJsonValue, status: 'ready' } });
    const project = await tx.project.findUniqueOrThrow({ where: { id: model.projectId }, include: { promotedModel: true } });
    const value = metricValue(opts.metrics, project.promotionMetric);
    const previous = metricValue(project.promotedModel?.metrics as ModelMetrics | null, project.promotionMetric);
    const better = value !== null && (previous === null || value > previous);
    if (better && project.promotedModelId !== model.id) {
      await tx.project.update({ where: { id: project.id }, data: { promotedModelId: model.id } });
      await tx.modelVersion.update({ where: { id: model.id }, data: { promotedAt: new Date() } });
      await recordAuditEvent(tx, { action: 'model.promote', projectId: project.id, targetType: 'model', targetId: model.id, data: { metric: project.promotionMetric, value, previous } });
    }
    return { promoted: better, previous, value };
  });
}
