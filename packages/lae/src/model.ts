// Forward pass of the LAE: encoder → latent h = [h₀ real | h₁ fake] → (selection) → decoder.
import * as tf from '@tensorflow/tfjs-core';
import { type LaeConfig } from './config.ts';
import { param, type Params } from './params.ts';

/** 'train' uses batch statistics (and records them); 'eval' uses moving statistics; 'fast' folds them into fused convs (no gradient). */
export type Mode = 'train' | 'eval' | 'fast';

export interface BnStat {
  prefix: string;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

function convBnAct(p: Params, c: LaeConfig, prefix: string, x: tf.Tensor4D, stride: number, mode: Mode, stats: BnStat[] | null): tf.Tensor4D {
  const w = param(p, `${prefix}/kernel`) as tf.Tensor4D;
  const gamma = param(p, `${prefix}/gamma`);
  const beta = param(p, `${prefix}/beta`);
  if (mode === 'fast') {
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(param(p, `${prefix}/moving_variance`), c.bnEpsilon)));
    const shift = tf.sub(beta, tf.mul(param(p, `${prefix}/moving_mean`), scale));
    return tf.fused.conv2d({ x, filter: tf.mul(w, scale) as tf.Tensor4D, strides: stride, pad: 'same', bias: shift, activation: 'leakyrelu', leakyreluAlpha: c.leakyAlpha });
  }
  const y = tf.conv2d(x, w, stride, 'same');
  let mean: tf.Tensor;
  let variance: tf.Tensor;
  if (mode === 'train') {
    const m = tf.moments(y, [0, 1, 2]);
    mean = m.mean;
    variance = m.variance;
    stats?.push({ prefix, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D });
  } else {
    mean = param(p, `${prefix}/moving_mean`);
    variance = param(p, `${prefix}/moving_variance`);
  }
  const norm = tf.add(tf.mul(tf.mul(tf.sub(y, mean), tf.rsqrt(tf.add(variance, c.bnEpsilon))), gamma), beta);
  return tf.leakyRelu(norm, c.leakyAlpha) as tf.Tensor4D;
}

function conv(p: Params, prefix: string, x: tf.Tensor4D, mode: Mode): tf.Tensor4D {
  const w = param(p, `${prefix}/kernel`) as tf.Tensor4D;
  const b = param(p, `${prefix}/bias`);
  if (mode === 'fast') return tf.fused.conv2d({ x, filter: w, strides: 1, pad: 'same', bias: b });
  return tf.add(tf.conv2d(x, w, 1, 'same'), b) as tf.Tensor4D;
}

export interface Encoded {
  /** Output of every encoder block (Grad-CAM targets). */
  features: tf.Tensor4D[];
  /** Latent [B, g, g, 2K]: real half first. */
  h: tf.Tensor4D;
}

/** Encoder blocks from block `from` (input = that block's input) to the latent. */
export function encodeFrom(p: Params, c: LaeConfig, x: tf.Tensor4D, from: number, mode: Mode, stats: BnStat[] | null): Encoded {
  const features: tf.Tensor4D[] = [];
  let y = x;
  for (let i = from; i < c.encoderChannels.length; i++) {
    y = convBnAct(p, c, `enc${i}`, y, c.encoderStrides[i] ?? 1, mode, stats);
    features.push(y);
  }
  return { features, h: conv(p, 'latent', y, mode) };
}

export function encode(p: Params, c: LaeConfig, x: tf.Tensor4D, mode: Mode, stats: BnStat[] | null = null): Encoded {
  return encodeFrom(p, c, x, 0, mode, stats);
}

/** FT selection block: keep the half of the given class, zero the other. labels: [B] of 0 (real) / 1 (fake). */
export function selectHalf(h: tf.Tensor4D, labels: tf.Tensor1D, k: number): tf.Tensor4D {
  return tf.tidy(() => {
    const y = tf.reshape(labels, [-1, 1, 1, 1]);
    const fakeHalf = tf.concat([tf.zeros([1, 1, 1, k]), tf.ones([1, 1, 1, k])], 3);
    const keep = tf.add(tf.mul(y, fakeHalf), tf.mul(tf.sub(1, y), tf.sub(1, fakeHalf)));
    return tf.mul(h, keep);
  });
}

/** Decoder: (3×3 conv, BN, leaky ReLU, ×2 nearest upsampling) per entry, then a 3×3 conv to RGB and a sigmoid. */
export function decode(p: Params, c: LaeConfig, h: tf.Tensor4D, mode: Mode, stats: BnStat[] | null = null): tf.Tensor4D {
  let y = h;
  c.decoderChannels.forEach((_, i) => {
    y = convBnAct(p, c, `dec${i}`, y, 1, mode, stats);
    y = tf.image.resizeNearestNeighbor(y, [y.shape[1] * 2, y.shape[2] * 2]);
  });
  return tf.sigmoid(conv(p, 'out', y, mode));
}

/** ForensicTransfer activations a_c = mean |h_c|, each [B]. */
export function activations(h: tf.Tensor4D, k: number): { a0: tf.Tensor1D; a1: tf.Tensor1D } {
  const [h0, h1] = tf.split(h, [k, k], 3);
  return { a0: tf.mean(tf.abs(h0 as tf.Tensor4D), [1, 2, 3]) as tf.Tensor1D, a1: tf.mean(tf.abs(h1 as tf.Tensor4D), [1, 2, 3]) as tf.Tensor1D };
}

/** p(fake) = a₁ / (a₀ + a₁ + ε). */
export function pFake(a0: tf.Tensor1D, a1: tf.Tensor1D, eps: number): tf.Tensor1D {
  return tf.div(a1, tf.add(tf.add(a0, a1), eps));
}

/** Inverted dropout with a seeded mask. */
export function dropout(h: tf.Tensor4D, rate: number, seed: number): tf.Tensor4D {
  if (rate <= 0) return h;
  return tf.dropout(h, rate, undefined, seed) as tf.Tensor4D;
}
