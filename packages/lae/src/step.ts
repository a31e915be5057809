// One optimisation step's arithmetic: losses, gradients, batch-norm statistics.
import * as tf from '@tensorflow/tfjs-core';
import { gradcamAt, gradcamLatent } from './attention.ts';
import { type LaeConfig } from './config.ts';
import { type Batch } from './dataset.ts';
import { lossAct, lossAtt, lossRec, lossTotal } from './losses.ts';
import { activationsFromMeans, channelMeans, decode, encode, selectHalf, type BnStat, type Mode } from './model.ts';
import { type Params } from './params.ts';

export interface LossParts {
  total: tf.Scalar;
  act: tf.Scalar;
  rec: tf.Scalar;
  att: tf.Scalar;
}

export interface LossValues {
  total: number;
  act: number;
  rec: number;
  att: number;
}

/** The four losses of a batch. dropoutSeed null disables dropout (evaluation, gradient checks). */
export function lossParts(p: Params, c: LaeConfig, b: Batch, mode: Exclude<Mode, 'fast'>, stats: BnStat[] | null, dropoutSeed: number | null): LossParts {
  const k = c.latentChannels;
  const { features, h } = encode(p, c, b.x, mode, stats);
  // Channel dropout on the FT activations (the same noise MC-dropout samples at scoring time).
  const { a0, a1 } = activationsFromMeans(channelMeans(h), k, dropoutSeed == null ? 0 : c.dropout, dropoutSeed ?? 0);
  const act = lossAct(a0, a1, b.labels);
  const rec = c.lambdaRec > 0 ? lossRec(b.x, decode(p, c, selectHalf(h, b.labels, k), mode, stats)) : tf.scalar(0);
  let att: tf.Scalar = tf.scalar(0);
  if (b.maskedCount > 0 && c.lambdaAtt > 0) {
    const layer = c.attentionLayer;
    const cam = typeof layer !== 'number' ? gradcamLatent(h, k, layer === 'latent-signed') : gradcamAt(p, c, features[layer]!, layer, mode, c.attentionSecondOrder);
    att = lossAtt(cam, b.outside, b.total, b.masked, b.maskedCount, c.epsilon);
  }
  return { act, rec, att, total: lossTotal({ act, rec, att }, c) };
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
    for (const s of stats) {
      tf.keep(s.mean);
      tf.keep(s.variance);
    }
    return parts.total;
  }, vars);
  const kept = parts as LossParts | null;
  if (!kept) throw new Error('unreachable');
  const [act, rec, att, total] = [kept.act.dataSync()[0]!, kept.rec.dataSync()[0]!, kept.att.dataSync()[0]!, value.dataSync()[0]!];
  tf.dispose([kept.act, kept.rec, kept.att, value]);
  const byName = new Map<string, tf.Tensor>();
  names.forEach((n, i) => {
    // Weights off the loss's path (the decoder when λ_rec = 0) get a zero gradient.
    byName.set(n, grads[vars[i]!.name] ?? tf.zerosLike(vars[i]!));
  });
  return { grads: byName, stats, losses: { act, rec, att, total } };
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
