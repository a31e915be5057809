import { loadArtifact, recordEvaluation, setRoundProgress, type ModelMetrics, type SetMetrics } from '@lae-studio/db';
import { load, type EvalMetrics } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { loadLabeledSplit } from '../dataset/labeled-samples.ts';

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function toSetMetrics(m: EvalMetrics): SetMetrics {
  return {
    n: m.n,
    accuracy: m.accuracy,
    auc: finite(m.auc) as number,
    eer: finite(m.eer) as number,
    attentionIoU: m.localization ? m.localization.iou : null,
    pointingGame: m.localization ? m.localization.pointingGame : null,
  };
}

/**
 * Evaluate the round's model on the seen-test and unseen-test splits (ground-truth masks for localization),
 * record the metrics and promote the model when it beats the promoted one. Idempotent: a model that already
 * has metrics is not evaluated twice.
 */
export async function evaluateRound(ctx: LoopContext, roundId: string): Promise<{ modelVersionId: string; metrics: ModelMetrics; promoted: boolean }> {
  const model = await ctx.db.modelVersion.findUniqueOrThrow({ where: { roundId } });
  if (model.status === 'ready' && model.metrics) {
    const promoted = (await ctx.db.project.findUniqueOrThrow({ where: { id: model.projectId } })).promotedModelId === model.id;
    return { modelVersionId: model.id, metrics: model.metrics as unknown as ModelMetrics, promoted };
  }
  const lae = await load(await loadArtifact(ctx.db, model.id));
  try {
    await setRoundProgress(ctx.db, roundId, { phase: 'evaluating', percent: 0 });
    const size = lae.config.imageSize;
    const result: ModelMetrics = { seen: null, unseen: null, maskedShare: 0, masks: 0 };
    for (const novelty of ['seen', 'unseen'] as const) {
      const split = await loadLabeledSplit(ctx, { projectId: model.projectId, split: 'test', novelty, reference: true, size });
      if (split.samples.length) result[novelty] = toSetMetrics(await lae.evaluate(split.samples, { threads: ctx.threads }));
      await setRoundProgress(ctx.db, roundId, { phase: 'evaluating', percent: novelty === 'seen' ? 50 : 100 });
    }
    const summary = (model.dataSummary ?? {}) as { masked?: number; trainFakes?: number };
    result.masks = summary.masked ?? 0;
    result.maskedShare = summary.trainFakes ? (summary.masked ?? 0) / summary.trainFakes : 0;
    const { promoted, value, previous } = await recordEvaluation(ctx.db, { modelVersionId: model.id, metrics: result });
    ctx.log.info({ roundId, modelVersionId: model.id, seen: result.seen, unseen: result.unseen, promoted, value, previous }, 'model evaluated');
    return { modelVersionId: model.id, metrics: result, promoted };
  } finally {
    lae.dispose();
  }
}
