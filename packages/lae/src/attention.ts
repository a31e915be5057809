// Grad-CAM on the ForensicTransfer score a₁, and the geometry that maps it to image pixels.
import * as tf from '@tensorflow/tfjs-core';
import { type LaeConfig } from './config.ts';
import { activations, encodeFrom, type Mode } from './model.ts';
import { type Params } from './params.ts';

/** Gradient blocker: tfjs has no stopGradient. */
const stopGradient = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({ value: tf.clone(args[0] as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }));

/**
 * Grad-CAM at the latent, closed form. Target 'latent': the FT activation layer |h| that a₁ pools, so
 * ∂a₁/∂|h₁ᵏ| = 1/(g²K) for every k and A = Σ_k |h₁ᵏ|/(g²K), the fake-half activation map.
 * Target 'latent-signed': h itself, w_k = mean_ij sign(h₁ᵏ)/(g²K); measured to fight L_att (pushing the
 * outside cells negative flips the sign of w_k and moves the map onto them), kept for comparison.
 * Both are exact; their weights are constant or piecewise constant, so no second-order term exists.
 */
export function gradcamLatent(h: tf.Tensor4D, k: number, signed = false): tf.Tensor3D {
  return tf.tidy(() => {
    const [, g1, g2] = h.shape;
    const h1 = tf.slice(h, [0, 0, 0, k], [-1, -1, -1, k]);
    if (!signed) return tf.div(tf.sum(tf.abs(h1), 3), g1 * g2 * k) as tf.Tensor3D;
    const w = tf.div(tf.mean(tf.sign(h1), [1, 2], true), g1 * g2 * k);
    return tf.relu(tf.sum(tf.mul(h1, w), 3)) as tf.Tensor3D;
  });
}

/**
 * Grad-CAM at encoder block `layer`: w_k = mean_ij ∂a₁/∂Fᵏ_ij through the rest of the encoder.
 * With secondOrder the outer gradient also flows through w_k (a gradient of a gradient).
 */
export function gradcamAt(p: Params, c: LaeConfig, feature: tf.Tensor4D, layer: number, mode: Mode, secondOrder: boolean): tf.Tensor3D {
  const tail = (f: tf.Tensor): tf.Scalar => {
    // Reference batch-norm ops in the tail: the outer gradient visits the inner gradient's graph even when
    // stopGradient zeroes it (first-order choice), and the fused kernel's gradient has no gradient.
    const { h } = encodeFrom(p, c, f as tf.Tensor4D, layer + 1, mode, null, true);
    return tf.sum(activations(h, c.latentChannels).a1);
  };
  const grad = tf.grad(tail)(feature);
  const w0 = tf.mean(grad, [1, 2], true);
  const w = secondOrder ? w0 : (stopGradient(w0) as tf.Tensor);
  return tf.relu(tf.sum(tf.mul(feature, w), 3)) as tf.Tensor3D;
}

/** Bilinear interpolation matrix [out, in] with half-pixel centres (edges clamped). */
export function interpMatrix(out: number, inp: number): Float32Array {
  const m = new Float32Array(out * inp);
  const scale = inp / out;
  for (let o = 0; o < out; o++) {
    const src = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), inp - 1);
    const lo = Math.floor(src);
    const hi = Math.min(lo + 1, inp - 1);
    const t = src - lo;
    m[o * inp + lo] = (m[o * inp + lo] ?? 0) + (1 - t);
    m[o * inp + hi] = (m[o * inp + hi] ?? 0) + t;
  }
  return m;
}

/** Upsample maps [B,g,g] → [B,S,S] bilinearly and scale each to [0,1] by its maximum. */
export function upsampleAttention(cam: tf.Tensor3D, size: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, g] = cam.shape;
    const u = tf.tensor2d(interpMatrix(size, g), [size, g]);
    const up = tf.matMul(tf.matMul(tf.broadcastTo(u, [b, size, g]), cam), tf.broadcastTo(tf.transpose(u), [b, g, size]));
    const max = tf.max(up, [1, 2], true);
    return tf.div(up, tf.add(max, 1e-12)) as tf.Tensor3D;
  });
}

/**
 * A mask [S×S] (1 = forged) projected onto the latent grid: `outside` = Uᵀ(1−M)U and `total` = Uᵀ1U,
 * so Σ_pixels Â(1−M) = Σ_cells A·outside exactly, with Â the bilinear upsampling of A.
 */
export function projectMask(mask: Float32Array, size: number, g: number): { outside: Float32Array; total: Float32Array } {
  const u = interpMatrix(size, g);
  const colSum = new Float32Array(g);
  for (let o = 0; o < size; o++) for (let q = 0; q < g; q++) colSum[q]! += u[o * g + q]!;
  // tmp[i][q] = Σ_j (1−M[i][j]) U[j][q]
  const tmp = new Float32Array(size * g);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const v = 1 - mask[i * size + j]!;
      if (v === 0) continue;
      const lo = Math.max(0, Math.floor((j + 0.5) * (g / size) - 0.5));
      for (let q = lo; q < Math.min(g, lo + 2); q++) tmp[i * g + q]! += v * u[j * g + q]!;
    }
  }
  const outside = new Float32Array(g * g);
  const total = new Float32Array(g * g);
  for (let p = 0; p < g; p++) {
    for (let q = 0; q < g; q++) {
      let s = 0;
      for (let i = 0; i < size; i++) s += u[i * g + p]! * tmp[i * g + q]!;
      outside[p * g + q] = s;
      total[p * g + q] = colSum[p]! * colSum[q]!;
    }
  }
  return { outside, total };
}
