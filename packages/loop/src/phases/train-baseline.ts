import { completeTraining, ensureBaselineModel, getProject, loadArtifact, projectDataVersion, recordEvaluation, type ModelMetrics, type Prisma } from '@lae-studio/db';
import { create, load } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { loadLabeledSplit } from '../dataset/labeled-samples.ts';
import { projectModelConfig } from '../model-config.ts';
import { evaluateModel } from './evaluate-round.ts';

/**
 * The no-mask baseline every learning curve is read against: the project's config, data and training budget,
 * labels only, trained once per data version (a retry reuses the row), evaluated like a round's model and
 * never promoted. Returns its model version id, and whether it was already there.
 */
export async function trainBaseline(ctx: LoopContext, projectId: string): Promise<{ modelVersionId: string; skipped: boolean; metrics: ModelMetrics }> {
  const project = await getProject(ctx.db, { projectId });
  const config = projectModelConfig(project);
  const dataVersion = await projectDataVersion(ctx.db, { projectId });
  const row = await ensureBaselineModel(ctx.db, { projectId, dataVersion, config: config as unknown as Prisma.InputJsonValue });
  if (row.status === 'ready' && row.metrics) return { modelVersionId: row.id, skipped: true, metrics: row.metrics };
  if (row.status === 'evaluating') {
    // Trained before a crash: evaluate the stored artifact instead of training again.
    const stored = await load(await loadArtifact(ctx.db, { modelVersionId: row.id }));
    try {
      const metrics = await evaluateModel(ctx, stored, projectId);
      await recordEvaluation(ctx.db, { modelVersionId: row.id, metrics, promote: false });
      return { modelVersionId: row.id, skipped: false, metrics };
    } finally {
      stored.dispose();
    }
  }

  const size = config.imageSize;
  const [train, validation] = await Promise.all([
    loadLabeledSplit(ctx, { projectId, split: 'train', reference: false, size }),
    loadLabeledSplit(ctx, { projectId, split: 'val', reference: false, size }),
  ]);
  if (train.samples.length === 0) throw new Error('the project has no training samples');
  const started = Date.now();
  const model = await create(config);
  try {
    const report = await model.train(
      { train: train.samples.map((s) => ({ ...s, mask: null })), ...(validation.samples.length ? { validation: validation.samples } : {}) },
      { threads: ctx.threads },
    );
    const trainFakes = train.rows.filter((r) => r.label === 'fake').length;
    const dataSummary = { train: train.samples.length, trainFakes, masked: 0, validation: validation.samples.length, baseline: true, epochs: report.epochs, bestEpoch: report.bestEpoch };
    await completeTraining(ctx.db, {
      modelVersionId: row.id,
      bytes: await model.save({ extra: { projectId, baselineFor: dataVersion, dataSummary } }),
      format: 'lae-tfjs',
      backend: model.backend.name,
      dataSummary,
      trainingMs: Date.now() - started,
    });
    const metrics = await evaluateModel(ctx, model, projectId);
    await recordEvaluation(ctx.db, { modelVersionId: row.id, metrics, promote: false });
    ctx.log.info({ projectId, modelVersionId: row.id, dataVersion, seen: metrics.seen, unseen: metrics.unseen, seconds: report.seconds }, 'no-mask baseline trained');
    return { modelVersionId: row.id, skipped: false, metrics };
  } finally {
    model.dispose();
  }
}
