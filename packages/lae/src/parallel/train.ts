// Data-parallel steps: this thread computes one shard, worker threads the others; gradients and batch-norm
// statistics are averaged (weighted by shard size) and applied once, here, by the single Adam instance.
import * as tf from '@tensorflow/tfjs-core';
import { type BackendName } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { batchTensors, disposeBatch, type PackedData } from '../dataset.ts';
import { type BnStat } from '../model.ts';
import { trainableNames, type Params } from '../params.ts';
import { computeStep, LOSS_KEYS, updateMovingStats, zeroLosses, type LossValues } from '../step.ts';
import { type StepExecutor } from '../train.ts';
import { flatten } from '../weights.ts';
import { WorkerPool } from './pool.ts';
import { type FromWorker } from './protocol.ts';

type Grads = Extract<FromWorker, { type: 'grads' }>;

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

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export async function parallelExecutor(threads: number, backend: BackendName, p: Params, c: LaeConfig, d: PackedData, optimizer: tf.Optimizer): Promise<StepExecutor> {
  const pool = await WorkerPool.start(threads - 1, c, backend, d);
  const names = trainableNames(c);
  return {
    step: async (rows, seed) => {
      const parts = shards(rows, threads, d);
      const weights = flatten(p, names);
      const remote = parts.slice(1).map((shard, i) => pool.request<Grads>(i, { type: 'step', id: pool.id(), weights: weights.slice(), rows: shard, seed: seed * 31 + i + 1 }));
      // This thread's shard runs while the workers run theirs.
      const b = batchTensors(d, parts[0]!, c.train.counterfactual);
      const local = computeStep(p, c, names, b, seed * 31);
      disposeBatch(b);
      const replies = await Promise.all(remote);
      const total = parts.reduce((s, r) => s + r.length, 0);
      const w0 = parts[0]!.length / total;
      const losses: LossValues = zeroLosses();
      for (const k of LOSS_KEYS) losses[k] = local.losses[k] * w0 + replies.reduce((s, r) => s + (r.losses[k] * r.count) / total, 0);
      // Weighted average in plain arrays (a few hundred thousand floats): fewer kernels than tensor arithmetic.
      const mix = (mine: Float32Array, pick: (r: Grads) => Float32Array): Float32Array => {
        const out = new Float32Array(mine.length);
        for (let i = 0; i < out.length; i++) out[i] = mine[i]! * w0;
        for (const r of replies) {
          const src = pick(r);
          const w = r.count / total;
          for (let i = 0; i < out.length; i++) out[i]! += src[i]! * w;
        }
        return out;
      };
      const localGrads = concat(names.map((n) => local.grads.get(n)!.dataSync() as Float32Array));
      const localStats = concat(local.stats.flatMap((s) => [s.mean.dataSync() as Float32Array, s.variance.dataSync() as Float32Array]));
      const g = mix(localGrads, (r) => r.grads);
      const st = mix(localStats, (r) => r.stats);
      const averaged: tf.NamedTensorMap = {};
      let o = 0;
      for (const n of names) {
        const v = p.get(n)!;
        averaged[v.name] = tf.tensor(g.subarray(o, o + v.size), v.shape);
        o += v.size;
      }
      o = 0;
      const stats: BnStat[] = local.stats.map((s) => {
        const mean = tf.tensor1d(st.subarray(o, o + s.mean.size));
        o += s.mean.size;
        const variance = tf.tensor1d(st.subarray(o, o + s.variance.size));
        o += s.variance.size;
        return { prefix: s.prefix, mean, variance };
      });
      tf.dispose([...local.grads.values(), ...local.stats.flatMap((s) => [s.mean, s.variance])]);
      optimizer.applyGradients(averaged);
      updateMovingStats(p, c, stats);
      tf.dispose([...Object.values(averaged), ...stats.flatMap((s) => [s.mean, s.variance])]);
      return losses;
    },
    close: () => pool.close(),
  };
}
