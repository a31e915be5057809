// Forward pass of the LAE: encoder → latent h = [h₀ real | h₁ fake] → (selection) → decoder.
import * as tf from '@tensorflow/tfjs-core';
import { type LaeConfig } from './config.ts';
import { bnLeaky, hasBnLeaky } from './kernels/bn-leaky.ts';
import { hasRecHead, recHeadLoss } from './kernels/rec-head.ts';
import { lossRec } from './losses.ts';
import { param, type Params } from './params.ts';

/** 'train' uses batch statistics (and records them); 'eval' uses moving statistics (inference without a gradient: foldEncoder). */
export type Mode = 'train' | 'eval';

export interface BnStat {
  prefix: string;
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * `twice`: the caller differentiates the result's gradient (Grad-CAM at an encoder block, second order), so the
 * fused batch-norm kernel, whose gradient has no gradient, is not used.
 */
function convBnAct(p: Params, c: LaeConfig, prefix: string, x: tf.Tensor4D, stride: number, mode: Mode, stats: BnStat[] | null, twice = false): tf.Tensor4D {
  const w = param(p, `${prefix}/kernel`) as tf.Tensor4D;
  const gamma = param(p, `${prefix}/gamma`);
  const beta = param(p, `${prefix}/beta`);
  const y = tf.conv2d(x, w, stride, 'same');
  if (mode === 'train' && !twice && hasBnLeaky()) {
    const r = bnLeaky(y, gamma, beta, c.bnEpsilon, c.leakyAlpha);
    stats?.push({ prefix, mean: r.mean, variance: r.variance });
    return r.out;
  }
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
  // y·scale + shift with per-channel scale = γ/√(σ²+ε), shift = β − μ·scale: two full-size ops instead of
  // four (fewer kernels forward and backward; the gradient is the same function).
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, c.bnEpsilon)));
  const shift = tf.sub(beta, tf.mul(mean, scale));
  return tf.leakyRelu(tf.add(tf.mul(y, scale), shift), c.leakyAlpha) as tf.Tensor4D;
}

function conv(p: Params, prefix: string, x: tf.Tensor4D): tf.Tensor4D {
  const w = param(p, `${prefix}/kernel`) as tf.Tensor4D;
  const b = param(p, `${prefix}/bias`);
  return tf.add(tf.conv2d(x, w, 1, 'same'), b) as tf.Tensor4D;
}

export interface Encoded {
  /** Output of every encoder block (Grad-CAM targets). */
  features: tf.Tensor4D[];
  /** Latent [B, g, g, 2K]: real half first. */
  h: tf.Tensor4D;
}

/** Encoder blocks from block `from` (input = that block's input) to the latent; `twice`: see convBnAct. */
export function encodeFrom(p: Params, c: LaeConfig, x: tf.Tensor4D, from: number, mode: Mode, stats: BnStat[] | null, twice = false): Encoded {
  const features: tf.Tensor4D[] = [];
  let y = x;
  for (let i = from; i < c.encoderChannels.length; i++) {
    y = convBnAct(p, c, `enc${i}`, y, c.encoderStrides[i] ?? 1, mode, stats, twice);
    features.push(y);
  }
  return { features, h: conv(p, 'latent', y) };
}

export function encode(p: Params, c: LaeConfig, x: tf.Tensor4D, mode: Mode, stats: BnStat[] | null = null): Encoded {
  return encodeFrom(p, c, x, 0, mode, stats);
}

/** One inference conv: batch norm folded in (the latent conv has none), bias and activation fused. */
export interface FoldedConv {
  filter: tf.Tensor4D;
  bias: tf.Tensor1D;
  stride: number;
  leaky: boolean;
}

/**
 * The encoder for inference, the moving statistics folded into each block's conv: w·s and β − μ·s with
 * s = γ/√(σ²+ε), then the latent conv. Computed once per scoring pass, not per batch; the caller disposes it
 * (disposeFolded). ONNX export writes the same weights.
 */
export function foldEncoder(p: Params, c: LaeConfig): FoldedConv[] {
  const blocks = c.encoderChannels.map((_, i): FoldedConv => {
    const prefix = `enc${i}`;
    const { filter, bias } = tf.tidy(() => {
      const scale = tf.mul(param(p, `${prefix}/gamma`), tf.rsqrt(tf.add(param(p, `${prefix}/moving_variance`), c.bnEpsilon)));
      return { filter: tf.mul(param(p, `${prefix}/kernel`), scale) as tf.Tensor4D, bias: tf.sub(param(p, `${prefix}/beta`), tf.mul(param(p, `${prefix}/moving_mean`), scale)) as tf.Tensor1D };
    });
    return { filter, bias, stride: c.encoderStrides[i] ?? 1, leaky: true };
  });
  // Copies, so disposing the fold never touches the model's variables.
  return [...blocks, { filter: tf.clone(param(p, 'latent/kernel')) as tf.Tensor4D, bias: tf.clone(param(p, 'latent/bias')) as tf.Tensor1D, stride: 1, leaky: false }];
}

export function disposeFolded(f: readonly FoldedConv[]): void {
  tf.dispose(f.flatMap((l) => [l.filter, l.bias]));
}

/** The latent h [B,g,g,2K] through folded convs (moving statistics; no gradient). */
export function encodeFolded(f: readonly FoldedConv[], c: LaeConfig, x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() =>
    f.reduce<tf.Tensor4D>(
      (y, l) => tf.fused.conv2d({ x: y, filter: l.filter, strides: l.stride, pad: 'same', bias: l.bias, ...(l.leaky ? { activation: 'leakyrelu', leakyreluAlpha: c.leakyAlpha } : {}) }),
      x,
    ),
  );
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

/** Nearest-neighbour ×2 upsampling (wasm runs it and its gradient natively). */
export function upsample2x(x: tf.Tensor4D): tf.Tensor4D {
  return tf.image.resizeNearestNeighbor(x, [x.shape[1] * 2, x.shape[2] * 2]);
}

/**
 * Pixel shuffle ×2: [B,H,W,4C] → [B,2H,2W,C], channel group (dy·2+dx) to offset (dy,dx). One 4-D transpose
 * (native on wasm, as is its gradient); depthToSpace has no gradient in tfjs.
 */
export function pixelShuffle2x(y: tf.Tensor4D): tf.Tensor4D {
  const [b, h, w, c4] = y.shape;
  const c = c4 / 4;
  const t = tf.transpose(tf.reshape(y, [b * h, w, 2, 2 * c]), [0, 2, 1, 3]);
  return tf.reshape(t, [b, 2 * h, 2 * w, c]);
}

/** Decoder blocks: per entry a 3×3 conv, BN and leaky ReLU, followed by ×2 nearest upsampling for all but the last. */
export function decodeBlocks(p: Params, c: LaeConfig, h: tf.Tensor4D, mode: Mode, stats: BnStat[] | null = null): tf.Tensor4D {
  let y = h;
  const last = c.decoderChannels.length - 1;
  c.decoderChannels.forEach((_, i) => {
    y = convBnAct(p, c, `dec${i}`, y, 1, mode, stats);
    if (i < last) y = upsample2x(y);
  });
  return y;
}

/**
 * Decoder: the blocks, then the last ×2 as a sub-pixel conv (3×3 conv to 12 channels + pixel shuffle), so no conv
 * runs at full S×S, and a sigmoid.
 */
export function decode(p: Params, c: LaeConfig, h: tf.Tensor4D, mode: Mode, stats: BnStat[] | null = null): tf.Tensor4D {
  return tf.sigmoid(pixelShuffle2x(conv(p, 'out', decodeBlocks(p, c, h, mode, stats))));
}

/** L_rec of the decoder's reconstruction of x: through the fused output head where it runs, else the reference ops. */
export function reconstructionLoss(p: Params, c: LaeConfig, h: tf.Tensor4D, x: tf.Tensor4D, mode: Mode, stats: BnStat[] | null = null): tf.Scalar {
  if (!hasRecHead()) return lossRec(x, decode(p, c, h, mode, stats));
  return recHeadLoss(decodeBlocks(p, c, h, mode, stats), param(p, 'out/kernel') as tf.Tensor4D, param(p, 'out/bias') as tf.Tensor1D, x);
}

/** mean |h| per channel, [B, 2K]: the FT activations before the half split (and the diversity embedding). */
export function channelMeans(h: tf.Tensor4D): tf.Tensor2D {
  return tf.mean(tf.abs(h), [1, 2]) as tf.Tensor2D;
}

/** a₀, a₁ from channel means, with optional seeded channel dropout (inverted scaling). */
export function activationsFromMeans(m: tf.Tensor2D, k: number, dropoutRate = 0, seed = 0): { a0: tf.Tensor1D; a1: tf.Tensor1D } {
  let x = m;
  if (dropoutRate > 0) {
    const keep = tf.cast(tf.greaterEqual(tf.randomUniform(m.shape, 0, 1, 'float32', seed), dropoutRate), 'float32');
    x = tf.div(tf.mul(m, keep), 1 - dropoutRate);
  }
  const [m0, m1] = tf.split(x, [k, k], 1);
  return { a0: tf.mean(m0 as tf.Tensor2D, 1) as tf.Tensor1D, a1: tf.mean(m1 as tf.Tensor2D, 1) as tf.Tensor1D };
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

