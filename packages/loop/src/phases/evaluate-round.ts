import { getProject, getRoundModel, listSamplesWithMasks, loadArtifact, recordEvaluation, setRoundProgress, type ModelMetrics } from '@lae-studio/db';
import { decodeStoredMask } from '@lae-studio/project-data';
import { load, locationPrior, locationPriorIoU, maskToGrid, type LabeledSample, type LaeModel } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { loadLabeledSplit } from '../dataset/labeled-samples.ts';
import { toSetMetrics } from '../metrics/set-metrics.ts';

/**
 * Where forgeries usually are in training: the mean of the training masks (or, for a model trained with none,
 * of the training fakes' reference masks), at the model's input size. Null when neither exists.
 */
async function trainingLocationPrior(ctx: LoopContext, projectId: string, size: number): Promise<Float32Array | null> {
  for (const reference of [false, true]) {
    const rows = await listSamplesWithMasks(ctx.db, { projectId, split: 'train', label: 'fake', reference });
    const masks = rows.flatMap((r) => (r.mask && !r.mask.noForgery ? [maskToGrid(decodeStoredMask(r.mask), size)] : []));
    if (masks.length) return locationPrior(masks, size * size);
  }
  return null;
}

const fakeMasks = (samples: readonly LabeledSample[], size: number) =>
  samples.flatMap((s) => ((s.label === 'fake' || s.label === 1) && s.mask ? [maskToGrid(s.mask, size)] : []));

/**
 * A trained model's metrics on validation, seen-test and unseen-test (ground-truth masks for localization,
 * beside what the training masks' location alone earns), with their intervals. `masks` and `maskedShare`
 * are left at zero for the caller to fill.
 */
export async function evaluateModel(ctx: LoopContext, lae: LaeModel, projectId: string, onProgress: (percent: number) => Promise<void> = async () => {}): Promise<ModelMetrics> {
  const size = lae.config.imageSize;
  const threshold = lae.config.score.attentionThreshold;
  const prior = await trainingLocationPrior(ctx, projectId, size);
  const result: ModelMetrics = { validation: null, seen: null, unseen: null, maskedShare: 0, masks: 0 };
  const parts = [
    { key: 'validation', split: 'val' },
    { key: 'seen', split: 'test', novelty: 'seen' },
    { key: 'unseen', split: 'test', novelty: 'unseen' },
  ] as const;
  for (const [i, part] of parts.entries()) {
    const data = await loadLabeledSplit(ctx, { projectId, split: part.split, ...('novelty' in part ? { novelty: part.novelty } : {}), reference: true, size });
    if (data.samples.length) {
      const priorIoU = prior ? locationPriorIoU(prior, fakeMasks(data.samples, size), threshold) : null;
      result[part.key] = toSetMetrics(await lae.evaluate(data.samples, { threads: ctx.threads }), priorIoU);
    }
    await onProgress(Math.round((100 * (i + 1)) / parts.length));
  }
  return result;
}

/**
 * Evaluate the round's model (evaluateModel), record the metrics and promote the model when it beats the
 * promoted one and is better than chance. Idempotent: a model that already has metrics is not evaluated twice.
 */
export async function evaluateRound(ctx: LoopContext, roundId: string): Promise<{ modelVersionId: string; metrics: ModelMetrics; promoted: boolean; chance: boolean }> {
  const model = await getRoundModel(ctx.db, { roundId });
  if (model.status === 'ready' && model.metrics) {
    const promoted = (await getProject(ctx.db, { projectId: model.projectId })).promotedModelId === model.id;
    return { modelVersionId: model.id, metrics: model.metrics, promoted, chance: false };
  }
  const lae = await load(await loadArtifact(ctx.db, { modelVersionId: model.id }));
  try {
    await setRoundProgress(ctx.db, { roundId, progress: { phase: 'evaluating', percent: 0 } });
    const result = await evaluateModel(ctx, lae, model.projectId, (percent) => setRoundProgress(ctx.db, { roundId, progress: { phase: 'evaluating', percent } }));
    const summary = model.dataSummary ?? {};
    result.masks = summary.masked ?? 0;
    result.maskedShare = summary.trainFakes ? (summary.masked ?? 0) / summary.trainFakes : 0;
    const { promoted, value, previous, chance } = await recordEvaluation(ctx.db, { modelVersionId: model.id, metrics: result });
    ctx.log.info({ roundId, modelVersionId: model.id, validation: result.validation, seen: result.seen, unseen: result.unseen, promoted, chance, value, previous }, 'model evaluated');
    return { modelVersionId: model.id, metrics: result, promoted, chance };
  } finally {
    lae.dispose();
  }
}
