// One optimisation step's arithmetic: losses, gradients, batch-norm statistics.
import * as tf from '@tensorflow/tfjs-core';
import { gradcamAt, gradcamLatent } from './attention.ts';
import { type LaeConfig } from './config.ts';
import { type Batch } from './dataset.ts';
import { lossAct, lossAtt, lossBce, lossRealOutside, lossTotal } from './losses.ts';
import { activationsFromMeans, channelMeans, encode, reconstructionLoss, selectHalf, type BnStat, type Mode } from './model.ts';
import { type Params } from './params.ts';

export interface LossParts {
  total: tf.Scalar;
  /** The classification loss: L_act or the BCE (config.classLoss). */
  act: tf.Scalar;
  rec: tf.Scalar;
  att: tf.Scalar;
  real: tf.Scalar;
  /** BCE of p(fake) without dropout, whatever the classification loss (checkpoint criterion). */
  bce: tf.Scalar;
  /** The FT activations a₀, a₁ without dropout, [B] each. */
  clean: { a0: tf.Tensor1D; a1: tf.Tensor1D };
}

export interface LossValues {
  total: number;
  act: number;
  rec: number;
  att: number;
  real: number;
  bce: number;
}

export const LOSS_KEYS = ['total', 'act', 'rec', 'att', 'real', 'bce'] as const;

export function zeroLosses(): LossValues {
  return { total: 0, act: 0, rec: 0, att: 0, real: 0, bce: 0 };
}

/** The four losses of a batch. dropoutSeed null disables dropout (evaluation, gradient checks). */
export function lossParts(p: Params, c: LaeConfig, b: Batch, mode: Mode, stats: BnStat[] | null, dropoutSeed: number | null): LossParts {
  const k = c.latentChannels;
  const { features, h } = encode(p, c, b.x, mode, stats);
  // Channel dropout on the FT activations (the same noise MC-dropout samples at scoring time).
  const means = channelMeans(h);
  const { a0, a1 } = activationsFromMeans(means, k, dropoutSeed == null ? 0 : c.dropout, dropoutSeed ?? 0);
  const act = c.classLoss === 'bce' ? lossBce(a0, a1, b.labels, c.epsilon) : lossAct(a0, a1, b.labels);
  const clean = dropoutSeed == null ? { a0, a1 } : activationsFromMeans(means, k);
  const bce = c.classLoss === 'bce' && dropoutSeed == null ? act : lossBce(clean.a0, clean.a1, b.labels, c.epsilon);
  let real: tf.Scalar = tf.scalar(0);
  if (b.maskedCount > 0 && c.lambdaRealOutside > 0) {
    const h0 = tf.slice(h, [0, 0, 0, 0], [-1, -1, -1, k]);
    real = lossRealOutside(tf.mean(tf.abs(h0), 3) as tf.Tensor3D, b.outside, b.masked, b.labels, b.maskedCount, c.epsilon);
  }
  const rec = c.lambdaRec > 0 ? reconstructionLoss(p, c, selectHalf(h, b.labels, k), b.x, mode, stats) : tf.scalar(0);
  let att: tf.Scalar = tf.scalar(0);
  if (b.maskedCount > 0 && c.lambdaAtt > 0) {
    const layer = c.attentionLayer;
    const cam = typeof layer !== 'number' ? gradcamLatent(h, k, layer === 'latent-signed') : gradcamAt(p, c, features[layer]!, layer, mode, c.attentionSecondOrder);
    att = lossAtt(cam, b.outside, b.total, b.masked, b.maskedCount, c.epsilon);
  }
  return { act, rec, att, real, bce, clean, total: lossTotal({ act, rec, att, real }, c) };
}

export interface StepResult {
  grads: Map<string, tf.Tensor>;
  stats: BnStat[];
  losses: LossValues;
}

/** Gradients of the total loss for every trainable weight, plus the batch statistics seen. */
export function computeStep(p: Params, c: LaeConfig, names: readonly string[], b: Batch, dropoutSeed: number | null): StepResult {
  const stats: BnStat[] = [];
  let parts: LossParts | null = null;
  const vars = names.map((n) => p.get(n)!);
  const { value, grads } = tf.variableGrads(() => {
    parts = lossParts(p, c, b, 'train', stats, dropoutSeed);
    tf.keep(parts.act);
    tf.keep(parts.rec);
    tf.keep(parts.att);
    tf.keep(parts.real);
    tf.keep(parts.bce);
    for (const s of stats) {
      tf.keep(s.mean);
      tf.keep(s.variance);
    }
    return parts.total;
  }, vars);
  const kept = parts as LossParts | null;
  if (!kept) throw new Error('unreachable');
  const [act, rec, att, real, bce, total] = [kept.act, kept.rec, kept.att, kept.real, kept.bce, value].map((t) => t.dataSync()[0]!) as [number, number, number, number, number, number];
  tf.dispose([...new Set([kept.act, kept.rec, kept.att, kept.real, kept.bce, value])]);
  const byName = new Map<string, tf.Tensor>();
  names.forEach((n, i) => {
    // Weights off the loss's path (the decoder when λ_rec = 0) get a zero gradient.
    byName.set(n, grads[vars[i]!.name] ?? tf.zerosLike(vars[i]!));
  });
  return { grads: byName, stats, losses: { act, rec, att, real, bce, total } };
}

/** Moving averages of batch-norm statistics. */
export function updateMovingStats(p: Params, c: LaeConfig, stats: readonly BnStat[]): void {
  tf.tidy(() => {
    for (const s of stats) {
      const mm = p.get(`${s.prefix}/moving_mean`)!;
      const mv = p.get(`${s.prefix}/moving_variance`)!;
      mm.assign(tf.add(tf.mul(mm, c.bnMomentum), tf.mul(s.mean, 1 - c.bnMomentum)));
      mv.assign(tf.add(tf.mul(mv, c.bnMomentum), tf.mul(s.variance, 1 - c.bnMomentum)));
    }
  });
}
