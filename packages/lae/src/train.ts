// Training loop: Adam, seeded balanced batches, validation-based early stopping, cancellation, progress.
import * as tf from '@tensorflow/tfjs-core';
import { epochBatches, splitValidation } from './batches.ts';
import { type LaeConfig } from './config.ts';
import { batchTensors, disposeBatch, packSamples, type LabeledSample, type PackedData } from './dataset.ts';
import { type Logger } from './logger.ts';
import { pFake } from './model.ts';
import { trainableNames, type Params } from './params.ts';
import { rng } from './rng.ts';
import { computeStep, LOSS_KEYS, lossParts, updateMovingStats, zeroLosses, type LossValues } from './step.ts';
import { chooseThreshold } from './calibrate.ts';
import { adam, type FusedAdam } from './kernels/adam.ts';
import { captureAdam, seedAdam, type OptimizerState } from './optimizer-state.ts';
import { restore, snapshot } from './weights.ts';

export interface TrainData {
  train: readonly LabeledSample[];
  /** Held-out samples for early stopping; when absent, `train.validationShare` of the training data is held out. */
  validation?: readonly LabeledSample[];
}

export interface TrainProgress {
  phase: 'train' | 'validate';
  epoch: number;
  epochs: number;
  step: number;
  stepsPerEpoch: number;
  /** Losses of the last step (train) or the validation means (validate). */
  losses: LossValues;
  imagesPerSecond: number;
  /** Validation accuracy (validate phase). */
  accuracy?: number;
  /** The learning rate of the step (train phase; see TrainOptions.schedule). */
  learningRate?: number;
}

export interface TrainOptions {
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
  logger?: Logger;
  /** Overrides config.train.epochs for this call. */
  epochs?: number;
  /** Threads training may use (1 = this thread only); data-parallel shards on as many as pay (trainingShards). */
  threads?: number;
  /** Exactly this many data-parallel shards (at most `threads`), instead of the rule. */
  shards?: number;
  /** Start Adam from zero moments even when the model carries an optimizer state (from an artifact or an earlier train()). */
  freshOptimizer?: boolean;
  /**
   * Learning rate over this call: 'constant' (config.train.learningRate throughout, the default) or 'cosine' (from it
   * down to 0 along a half cosine over the call's steps, for continuing from a trained model: the call ends on
   * small steps instead of wherever the last full-rate step left the weights).
   */
  schedule?: 'constant' | 'cosine';
}

/** The rate at `progress` ∈ [0, 1] of a cosine schedule from `base` down to 0. */
export function cosineRate(base: number, progress: number): number {
  return (base * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, progress))))) / 2;
}

export interface EpochSummary {
  epoch: number;
  train: LossValues;
  validation: LossValues | null;
  validationAccuracy: number | null;
  imagesPerSecond: number;
}

export interface TrainReport {
  epochs: number;
  steps: number;
  bestEpoch: number;
  stoppedEarly: boolean;
  history: EpochSummary[];
  imagesPerSecond: number;
  seconds: number;
  /** Decision threshold on p(fake) chosen on validation after training (config.train.threshold); 0.5 without validation. */
  threshold: number;
  /** Validation metrics of the kept checkpoint (null without validation). */
  validation: { bce: number; accuracy: number; accuracyAtThreshold: number } | null;
}

/** Runs one optimisation step on the given rows; implementations: this thread, or worker threads. */
export interface StepExecutor {
  step(rows: readonly number[], dropoutSeed: number): Promise<LossValues>;
  close(): Promise<void>;
}

export function localExecutor(p: Params, c: LaeConfig, d: PackedData, optimizer: tf.Optimizer): StepExecutor {
  const names = trainableNames(c);
  return {
    step: async (rows, dropoutSeed) => {
      const b = batchTensors(d, rows, c.train.counterfactual);
      try {
        const r = computeStep(p, c, names, b, dropoutSeed);
        const byVar: tf.NamedTensorMap = {};
        for (const [n, g] of r.grads) byVar[p.get(n)!.name] = g;
        optimizer.applyGradients(byVar);
        updateMovingStats(p, c, r.stats);
        tf.dispose([...r.grads.values(), ...r.stats.flatMap((s) => [s.mean, s.variance])]);
        return r.losses;
      } finally {
        disposeBatch(b);
      }
    },
    close: async () => undefined,
  };
}

/**
 * Mean losses, accuracy (at p = 0.5) and every p(fake) on rows, without dropout; batch norm per config.bnEval
 * (moving statistics, or each batch's own: rows are taken in order, so keep them class-interleaved).
 */
export function validationLoss(p: Params, c: LaeConfig, d: PackedData, rows: readonly number[]): { losses: LossValues; accuracy: number; p: Float32Array; labels: Uint8Array } {
  const sum: LossValues = zeroLosses();
  let correct = 0;
  const bs = c.score.batchSize;
  const mode = c.bnEval === 'batch' ? 'train' : 'eval';
  const probs = new Float32Array(rows.length);
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i += bs) {
    const idx = rows.slice(i, i + bs);
    const b = batchTensors(d, idx);
    const { vals, pf } = tf.tidy(() => {
      const parts = lossParts(p, c, b, mode, null, null);
      const { a0, a1 } = parts.clean;
      const right = tf.sum(tf.cast(tf.equal(tf.cast(tf.greater(a1, a0), 'float32'), b.labels), 'float32'));
      return { vals: [...LOSS_KEYS.map((k) => parts[k]), right].map((t) => t.dataSync()[0]!), pf: pFake(a0, a1, c.epsilon).dataSync() as Float32Array };
    });
    disposeBatch(b);
    LOSS_KEYS.forEach((k, j) => (sum[k] += vals[j]! * idx.length));
    correct += vals[LOSS_KEYS.length]!;
    probs.set(pf, i);
    idx.forEach((r, j) => (labels[i + j] = d.labels[r]!));
  }
  const n = Math.max(1, rows.length);
  const losses = zeroLosses();
  for (const k of LOSS_KEYS) losses[k] = sum[k] / n;
  return { losses, accuracy: correct / n, p: probs, labels };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const e = new Error('LAE training cancelled');
  e.name = 'AbortError';
  return e;
}

export type ExecutorFactory = (p: Params, c: LaeConfig, d: PackedData, optimizer: FusedAdam) => Promise<StepExecutor>;

/**
 * Trains in place. On cancellation the weights are restored to their state before the call and the
 * promise rejects with the signal's reason (an AbortError by default). `optimizer`: Adam's state to continue from
 * (null: a fresh Adam), replaced by the state after the last step when training completes.
 */
export async function trainModel(p: Params, c: LaeConfig, data: TrainData, opts: TrainOptions, log: Logger, makeExecutor?: ExecutorFactory, optimizerBox?: { state: OptimizerState | null }): Promise<TrainReport> {
  const started = performance.now();
  const rand = rng(c.seed);
  let d: PackedData;
  let trainRows: number[];
  let valRows: number[];
  if (data.validation && data.validation.length > 0) {
    d = packSamples([...data.train, ...data.validation], c);
    trainRows = Array.from({ length: data.train.length }, (_, i) => i);
    valRows = Array.from({ length: data.validation.length }, (_, i) => data.train.length + i);
  } else {
    d = packSamples(data.train, c);
    ({ train: trainRows, validation: valRows } = splitValidation(d, c.train.validationShare, rand));
  }
  if (trainRows.length < 2) throw new Error('LAE: training needs at least two samples');
  const epochs = opts.epochs ?? c.train.epochs;
  const initial = snapshot(p);
  const optimizer = adam(c.train.learningRate);
  if (optimizerBox?.state && !opts.freshOptimizer) await seedAdam(optimizer, p, trainableNames(c), optimizerBox.state);
  const executor = makeExecutor ? await makeExecutor(p, c, d, optimizer) : localExecutor(p, c, d, optimizer);
  const history: EpochSummary[] = [];
  let best = { loss: Infinity, epoch: 0, weights: null as ReturnType<typeof snapshot> | null };
  let steps = 0;
  let images = 0;
  let trainSeconds = 0;
  let stoppedEarly = false;
  let threshold = 0.5;
  let validation: TrainReport['validation'] = null;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const batches = epochBatches(d, trainRows, c.train.batchSize, c.train.minMaskedPerBatch, rand);
      const sum: LossValues = zeroLosses();
      const epochStart = performance.now();
      let epochImages = 0;
      for (let s = 0; s < batches.length; s++) {
        // A step's awaits resolve as microtasks: without a real turn of the event loop, timers (a queue
        // lock's renewal) and signal handlers (SIGTERM → abort) would wait for the whole training.
        await yieldToEventLoop();
        if (opts.signal?.aborted) throw abortError(opts.signal);
        const rows = batches[s]!;
        const learningRate = opts.schedule === 'cosine' ? cosineRate(c.train.learningRate, (epoch - 1 + s / batches.length) / epochs) : c.train.learningRate;
        optimizer.setLearningRate(learningRate);
        const t0 = performance.now();
        const losses = await executor.step(rows, c.seed * 7919 + steps);
        const dt = (performance.now() - t0) / 1000;
        trainSeconds += dt;
        steps++;
        images += rows.length;
        epochImages += rows.length;
        for (const k of LOSS_KEYS) sum[k] += losses[k];
        opts.onProgress?.({ phase: 'train', epoch, epochs, step: s + 1, stepsPerEpoch: batches.length, losses, imagesPerSecond: rows.length / Math.max(dt, 1e-9), learningRate });
      }
      const n = Math.max(1, batches.length);
      const trainMean: LossValues = zeroLosses();
      for (const k of LOSS_KEYS) trainMean[k] = sum[k] / n;
      const ips = epochImages / Math.max((performance.now() - epochStart) / 1000, 1e-9);
      let val: { losses: LossValues; accuracy: number } | null = null;
      if (valRows.length > 0) {
        if (opts.signal?.aborted) throw abortError(opts.signal);
        val = validationLoss(p, c, d, valRows);
        opts.onProgress?.({ phase: 'validate', epoch, epochs, step: batches.length, stepsPerEpoch: batches.length, losses: val.losses, imagesPerSecond: ips, accuracy: val.accuracy });
      }
      history.push({ epoch, train: trainMean, validation: val?.losses ?? null, validationAccuracy: val?.accuracy ?? null, imagesPerSecond: ips });
      log.info(`epoch ${epoch}/${epochs}: loss ${trainMean.total.toFixed(4)} (cls ${trainMean.act.toFixed(4)} rec ${trainMean.rec.toFixed(4)} att ${trainMean.att.toFixed(4)} real ${trainMean.real.toFixed(4)})${val ? ` val ${val.losses.total.toFixed(4)} bce ${val.losses.bce.toFixed(4)} acc ${val.accuracy.toFixed(3)}` : ''}, ${ips.toFixed(1)} img/s`);
      const pick = (l: LossValues) => (c.train.selectBy === 'bce' ? l.bce : l.total);
      const score = c.train.selectBy === 'last' ? -epoch : val ? pick(val.losses) : pick(trainMean);
      if (score < best.loss) {
        best = { loss: score, epoch, weights: val && c.train.selectBy !== 'last' ? snapshot(p) : null };
      } else if (c.train.patience > 0 && val && epoch - best.epoch >= c.train.patience) {
        stoppedEarly = true;
        break;
      }
    }
    if (best.weights && best.epoch !== history.length) restore(p, best.weights);
    if (valRows.length > 0) {
      const v = validationLoss(p, c, d, valRows);
      threshold = chooseThreshold(v.p, v.labels, c.train.threshold, c.train.thresholdFpr);
      let right = 0;
      v.p.forEach((q, i) => (right += (q > threshold ? 1 : 0) === v.labels[i] ? 1 : 0));
      validation = { bce: v.losses.bce, accuracy: v.accuracy, accuracyAtThreshold: right / v.p.length };
    }
    if (optimizerBox) optimizerBox.state = await captureAdam(optimizer, p);
  } catch (err) {
    restore(p, initial);
    throw err;
  } finally {
    optimizer.dispose();
    await executor.close();
  }
  return {
    epochs: history.length,
    steps,
    bestEpoch: best.epoch,
    stoppedEarly,
    history,
    imagesPerSecond: images / Math.max(trainSeconds, 1e-9),
    seconds: (performance.now() - started) / 1000,
    threshold,
    validation,
  };
}
