import { createHash } from 'node:crypto';
import { completeTraining, ensureRoundModel, findRoundStatus, getRoundWithProject, loadArtifact, restartModelTraining, setRoundProgress, type Prisma } from '@lae-studio/db';
import { create, LaeArtifactError, load, warmRoundEpochs, type LaeConfig, type LaeModel, type TrainProgress } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { loadLabeledSplit } from '../dataset/labeled-samples.ts';
import { projectModelConfig } from '../model-config.ts';

const PROGRESS_EVERY_MS = 1000;
const CANCEL_CHECK_MS = 2000;

/** The round was cancelled by an admin while it trained: the job ends for good, the model is never promoted. */
export class RoundCancelledError extends Error {
  override name = 'RoundCancelledError';
  constructor(roundId: string) {
    super(`round ${roundId} was cancelled`);
  }
}

/**
 * The round's starting model: with `train.warmEpochs` > 0 and a model the round started from (the promoted one),
 * that model's weights and Adam state under the project's current config; else a fresh model. A parent of
 * another architecture (the config changed) cannot be continued: the round trains from scratch and says so.
 */
async function startingModel(ctx: LoopContext, config: LaeConfig, parentId: string | null, roundId: string): Promise<{ model: LaeModel; warmFrom: string | null }> {
  if (warmRoundEpochs(config) > 0 && parentId) {
    try {
      return { model: await load(await loadArtifact(ctx.db, { modelVersionId: parentId }), { expectConfig: config }), warmFrom: parentId };
    } catch (err) {
      if (!(err instanceof LaeArtifactError)) throw err;
      ctx.log.warn({ roundId, parentId, err: err.message }, 'warm start impossible, training from scratch');
    }
  }
  return { model: await create(config), warmFrom: null };
}

/**
 * Train the round's model version on every label and every usable mask so far, from scratch with the
 * project's seeded config or, with `train.warmEpochs`, on from the round's parent model (a restarted job
 * retrains cleanly from the same start; the row is reused, never duplicated), then store the artifact in
 * Postgres where any worker can load it.
 */
export async function trainRound(ctx: LoopContext, roundId: string): Promise<{ modelVersionId: string; skipped: boolean; history?: unknown[] }> {
  let lastHistory: unknown[] | undefined;
  const round = await getRoundWithProject(ctx.db, { roundId });
  const config = projectModelConfig(round.project);
  const row = await ensureRoundModel(ctx.db, {
    projectId: round.projectId,
    roundId,
    parentId: round.modelInId,
    config: config as unknown as Prisma.InputJsonValue,
    backend: 'pending',
  });
  if (row.status === 'evaluating' || row.status === 'ready') return { modelVersionId: row.id, skipped: true };
  if (row.status === 'failed') await restartModelTraining(ctx.db, { modelVersionId: row.id });

  const started = Date.now();
  try {
    const [train, validation] = await Promise.all([
      loadLabeledSplit(ctx, { projectId: round.projectId, split: 'train', reference: false, size: config.imageSize }),
      loadLabeledSplit(ctx, { projectId: round.projectId, split: 'val', reference: false, size: config.imageSize }),
    ]);
    if (train.samples.length === 0) throw new Error('the project has no training samples');
    const maskIds = train.rows.filter((r) => r.mask).map((r) => r.mask!.id).sort();
    const dataSummary = {
      train: train.samples.length,
      trainFakes: train.rows.filter((r) => r.label === 'fake').length,
      masked: train.masked,
      validation: validation.samples.length,
      maskDigest: createHash('sha256').update(maskIds.join(',')).digest('hex').slice(0, 16),
    };

    const { model, warmFrom } = await startingModel(ctx, config, round.modelInId, roundId);
    try {
      const history: { epoch: number; train: number; validation: number | null; accuracy: number | null }[] = [];
      let lastWrite = 0;
      let epochLoss = { sum: 0, n: 0, epoch: 0 };
      // An admin cancels a round in the database; training looks every few seconds and stops cleanly.
      const cancel = new AbortController();
      const signal = ctx.signal ? AbortSignal.any([ctx.signal, cancel.signal]) : cancel.signal;
      let lastCancelCheck = Date.now();
      const onProgress = (p: TrainProgress) => {
        if (p.phase === 'train') {
          if (p.epoch !== epochLoss.epoch) epochLoss = { sum: 0, n: 0, epoch: p.epoch };
          epochLoss.sum += p.losses.total;
          epochLoss.n++;
        } else {
          history.push({ epoch: p.epoch, train: epochLoss.n ? epochLoss.sum / epochLoss.n : p.losses.total, validation: p.losses.total, accuracy: p.accuracy ?? null });
        }
        const now = Date.now();
        if (now - lastCancelCheck > CANCEL_CHECK_MS) {
          lastCancelCheck = now;
          void findRoundStatus(ctx.db, { roundId }).then(
            (status) => status === 'cancelled' && cancel.abort(new RoundCancelledError(roundId)),
            () => undefined,
          );
        }
        if (now - lastWrite < PROGRESS_EVERY_MS && p.phase === 'train') return;
        lastWrite = now;
        const percent = Math.round((100 * ((p.epoch - 1) * p.stepsPerEpoch + p.step)) / (p.epochs * p.stepsPerEpoch));
        void setRoundProgress(ctx.db, {
          roundId,
          progress: {
            phase: 'training',
            percent: Math.min(100, Math.max(0, percent)),
            epoch: p.epoch,
            epochs: p.epochs,
            step: p.step,
            stepsPerEpoch: p.stepsPerEpoch,
            losses: { ...p.losses },
            imagesPerSecond: Math.round(p.imagesPerSecond),
            history,
          } as Prisma.InputJsonValue,
        }).catch(() => undefined);
      };
      const report = await model.train({ train: train.samples, ...(validation.samples.length ? { validation: validation.samples } : {}) }, { onProgress, threads: ctx.threads, signal, ...(warmFrom ? { epochs: warmRoundEpochs(config), schedule: config.train.warmSchedule } : {}) });
      lastHistory = history;
      const bytes = await model.save({ extra: { roundId, projectId: round.projectId, dataSummary } });
      await completeTraining(ctx.db, {
        modelVersionId: row.id,
        bytes,
        format: 'lae-tfjs',
        backend: model.backend.name,
        dataSummary: { ...dataSummary, warmFrom, epochs: report.epochs, bestEpoch: report.bestEpoch, stoppedEarly: report.stoppedEarly, imagesPerSecond: Math.round(report.imagesPerSecond) },
        trainingMs: Date.now() - started,
      });
      ctx.log.info({ roundId, modelVersionId: row.id, ...dataSummary, seconds: report.seconds, imagesPerSecond: Math.round(report.imagesPerSecond), backend: model.backend.name }, 'model trained');
    } finally {
      model.dispose();
    }
    return { modelVersionId: row.id, skipped: false, ...(lastHistory ? { history: lastHistory } : {}) };
  } catch (err) {
    // A cancelled or crashed attempt leaves the row in 'training' so that a retry reuses it; only a
    // definitive failure (the caller decides) marks it failed.
    if (signalReason(err) instanceof RoundCancelledError) throw signalReason(err);
    ctx.log.warn({ roundId, err: err instanceof Error ? err.message : String(err) }, 'training attempt failed');
    throw err;
  }
}

/** LAE rejects with the signal's reason (or an AbortError wrapping it). */
function signalReason(err: unknown): unknown {
  return err instanceof RoundCancelledError ? err : ((err as { cause?: unknown })?.cause ?? err);
}
