// Data-parallel steps over replicas: this thread and each worker thread hold a copy of the weights and of Adam's
// state. A step: every thread computes the gradients of its shard; this thread averages them and the batch-norm
// statistics (weighted by shard size) and sends the averages out; every replica applies the same update. The
// workers' update runs beside this thread's, and no weights cross threads between steps (issue 13: sending the
// weights each step and updating in one thread left the other core idle for a fifth of a 64² step).
import * as tf from '@tensorflow/tfjs-core';
import { type BackendName } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { countFlops } from '../flops.ts';
import { batchTensors, disposeBatch, type PackedData } from '../dataset.ts';
import { type FusedAdam } from '../kernels/adam.ts';
import { type BnStat } from '../model.ts';
import { captureAdam } from '../optimizer-state.ts';
import { paramSpecs, trainableNames, type Params } from '../params.ts';
import { computeStep, LOSS_KEYS, updateMovingStats, zeroLosses, type LossValues } from '../step.ts';
import { type StepExecutor } from '../train.ts';
import { flatten } from '../weights.ts';
import { WorkerPool } from './pool.ts';
import { type FromWorker } from './protocol.ts';

type Grads = Extract<FromWorker, { type: 'grads' }>;
type Weights = Extract<FromWorker, { type: 'weights' }>;

/**
 * Least work per shard (counted training FLOPs of its images) for which splitting a step pays: each shard also pays
 * a fixed cost per step (≈ 5 ms here: tfjs's dispatch of ~440 kernels, the exchange, the replica's update). Issue 13,
 * 2-core AMD EPYC: the default model at 64² (batch 16, 201 MFLOP per half) ran 1,250–1,310 img/s on two shards and
 * 1,450–1,600 on one; at 128² (804 MFLOP per half) 690–720 on two and 400–450 on one; presets.gpu at 64² (2,075)
 * 980–1,080 on two and 640–740 on one.
 */
export const MIN_SHARD_FLOPS = 300e6;

/** How many data-parallel shards a step of this model uses with `threads` threads: as many as keep each worth it. */
export function trainingShards(c: LaeConfig, threads: number): number {
  const work = c.train.batchSize * countFlops(c).train;
  let n = Math.max(1, Math.floor(threads));
  while (n > 1 && work / n < MIN_SHARD_FLOPS) n--;
  return n;
}

/**
 * Deals rows into `n` shards round-robin within each group (masked fakes, other fakes, reals), so every
 * shard gets the same share of each: shard-size-weighted averaging is then the batch mean for L_act and
 * L_rec and for L_att (a mean over the masked fakes). Shards of fewer than two rows are dropped (batch norm).
 */
export function shards(rows: readonly number[], n: number, d: Pick<PackedData, 'labels' | 'masked'>): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  const groups = [rows.filter((r) => d.masked[r] === 1), rows.filter((r) => d.labels[r] === 1 && d.masked[r] !== 1), rows.filter((r) => d.labels[r] !== 1)];
  let k = 0;
  for (const g of groups) for (const r of g) out[k++ % n]!.push(r);
  return out.filter((s) => s.length >= 2);
}

function concat(parts: ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A step's gradients (in `names` order) and batch statistics (mean, variance per layer, in `stats` order) as arrays. */
export function flattenStep(names: readonly string[], grads: ReadonlyMap<string, tf.Tensor>, stats: readonly BnStat[]): { grads: Float32Array; stats: Float32Array } {
  return {
    grads: concat(names.map((n) => grads.get(n)!.dataSync() as Float32Array)),
    stats: concat(stats.flatMap((s) => [s.mean.dataSync() as Float32Array, s.variance.dataSync() as Float32Array])),
  };
}

/**
 * One replica's update from a step's averaged gradients and statistics. Every thread runs it on the same arrays
 * with the same optimizer state, so the replicas stay equal bit for bit.
 */
export function applyAveraged(p: Params, c: LaeConfig, names: readonly string[], optimizer: FusedAdam, update: { grads: Float32Array; stats: Float32Array; statPrefixes: readonly string[]; learningRate: number }): void {
  optimizer.setLearningRate(update.learningRate);
  const averaged: tf.NamedTensorMap = {};
  let o = 0;
  for (const n of names) {
    const v = p.get(n)!;
    averaged[v.name] = tf.tensor(update.grads.subarray(o, o + v.size), v.shape);
    o += v.size;
  }
  o = 0;
  const stats: BnStat[] = update.statPrefixes.map((prefix) => {
    const size = p.get(`${prefix}/moving_mean`)!.size;
    const mean = tf.tensor1d(update.stats.subarray(o, o + size));
    const variance = tf.tensor1d(update.stats.subarray(o + size, o + 2 * size));
    o += 2 * size;
    return { prefix, mean, variance };
  });
  (optimizer as tf.Optimizer).applyGradients(averaged);
  updateMovingStats(p, c, stats);
  tf.dispose([...Object.values(averaged), ...stats.flatMap((s) => [s.mean, s.variance])]);
}

export interface ParallelExecutor extends StepExecutor {
  /** Every worker's copy of all weights (paramSpecs order), to check that the replicas agree. */
  replicaWeights(): Promise<Float32Array[]>;
}

export async function parallelExecutor(threads: number, backend: BackendName, p: Params, c: LaeConfig, d: PackedData, optimizer: FusedAdam): Promise<ParallelExecutor> {
  const pool = await WorkerPool.start(threads - 1, c, backend, d);
  const names = trainableNames(c);
  const all = paramSpecs(c).map((s) => s.name);
  try {
    // Every replica starts from this thread's weights and Adam state (fresh, or a warm start's).
    const replica = { weights: flatten(p, all), optimizer: await captureAdam(optimizer, p), accBeta: optimizer.getAccBeta() };
    await Promise.all(Array.from({ length: pool.size }, (_, i) => pool.request(i, { type: 'replicate', id: pool.id(), ...replica })));
  } catch (err) {
    await pool.close();
    throw err;
  }
  return {
    step: async (rows, seed) => {
      const parts = shards(rows, threads, d);
      const remote = parts.slice(1).map((shard, i) => pool.request<Grads>(i, { type: 'step', id: pool.id(), rows: shard, seed: seed * 31 + i + 1 }));
      // This thread's shard runs while the workers run theirs.
      const b = batchTensors(d, parts[0]!, c.train.counterfactual);
      const local = computeStep(p, c, names, b, seed * 31);
      disposeBatch(b);
      const mine = flattenStep(names, local.grads, local.stats);
      const statPrefixes = local.stats.map((s) => s.prefix);
      tf.dispose([...local.grads.values(), ...local.stats.flatMap((s) => [s.mean, s.variance])]);
      const replies = await Promise.all(remote);
      const total = parts.reduce((s, r) => s + r.length, 0);
      const w0 = parts[0]!.length / total;
      const losses: LossValues = zeroLosses();
      for (const k of LOSS_KEYS) losses[k] = local.losses[k] * w0 + replies.reduce((s, r) => s + (r.losses[k] * r.count) / total, 0);
      // Weighted average in plain arrays (a few hundred thousand floats): fewer kernels than tensor arithmetic.
      const mix = (own: Float32Array, pick: (r: Grads) => Float32Array): Float32Array => {
        const out = new Float32Array(own.length);
        for (let i = 0; i < out.length; i++) out[i] = own[i]! * w0;
        for (const r of replies) {
          const src = pick(r);
          const w = r.count / total;
          for (let i = 0; i < out.length; i++) out[i]! += src[i]! * w;
        }
        return out;
      };
      const update = { grads: mix(mine.grads, (r) => r.grads), stats: mix(mine.stats, (r) => r.stats), statPrefixes, learningRate: optimizer.getLearningRate() };
      pool.broadcast({ type: 'apply', ...update });
      applyAveraged(p, c, names, optimizer, update);
      return losses;
    },
    replicaWeights: async () => (await Promise.all(Array.from({ length: pool.size }, (_, i) => pool.request<Weights>(i, { type: 'weights', id: pool.id() })))).map((r) => r.weights),
    close: () => pool.close(),
  };
}
