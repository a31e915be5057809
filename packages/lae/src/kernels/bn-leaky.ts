// Batch norm (training statistics) + leaky ReLU as one kernel forward and one backward, for wasm.
// The reference graph (moments, scale/shift, leakyRelu and their gradients: ~30 kernels per block, each a pass over
// the activation) becomes two passes forward and two backward, in JS on the wasm heap.
// Not differentiable twice: the gradient kernel has no gradient (tfjs then throws, it never goes silently wrong),
// so paths that differentiate a gradient (Grad-CAM at an encoder block) use the reference ops (model.ts).
import * as tf from '@tensorflow/tfjs-core';
import { type KernelConfig, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { type WasmHeap } from './wasm-heap.ts';

export const BN_LEAKY = 'LaeBnLeaky';
export const BN_LEAKY_GRAD = 'LaeBnLeakyGrad';

export interface BnLeakyAttrs {
  epsilon: number;
  alpha: number;
}

// Loops run channel by channel with scalar accumulators inside blocks of ~16K floats (NHWC: channel stride C):
// per-pixel loops over small per-channel arrays are twice as slow in V8, and channel-outer sweeps over a whole
// tensor larger than the cache read every cache line C times.
const BLOCK = 16384;

/** Per-channel z = y·scale + shift, from the stored (float32) moments: backward recomputes the same z, so the
 * leaky-ReLU branch it takes is exactly the forward's. */
function affine(gamma: number, beta: number, mean: number, variance: number, eps: number): [number, number] {
  const scale = Math.fround(gamma / Math.sqrt(variance + eps));
  return [scale, Math.fround(beta - mean * scale)];
}

function blockLen(c: number): number {
  return Math.max(1, Math.floor(BLOCK / c)) * c;
}

/**
 * out = leaky(γ·(y − μ)/√(σ² + ε) + β) over NHWC `y` with C channels (innermost); μ, σ² the biased batch
 * moments over all other axes (as tf.moments). Sums in double precision, one pass.
 */
export function bnLeakyForward(y: Float32Array, c: number, gamma: Float32Array, beta: Float32Array, a: BnLeakyAttrs, out: Float32Array, mean: Float32Array, variance: Float32Array): void {
  const len = y.length;
  const n = len / c;
  const step = blockLen(c);
  const s1 = new Float64Array(c);
  const s2 = new Float64Array(c);
  for (let b0 = 0; b0 < len; b0 += step) {
    const b1 = Math.min(len, b0 + step);
    for (let j = 0; j < c; j++) {
      let s = 0;
      let q = 0;
      for (let i = b0 + j; i < b1; i += c) {
        const v = y[i]!;
        s += v;
        q += v * v;
      }
      s1[j]! += s;
      s2[j]! += q;
    }
  }
  const scale = new Float64Array(c);
  const shift = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const m = s1[j]! / n;
    const v = Math.max(0, s2[j]! / n - m * m);
    mean[j] = m;
    variance[j] = v;
    [scale[j], shift[j]] = affine(gamma[j]!, beta[j]!, mean[j]!, variance[j]!, a.epsilon);
  }
  const alpha = a.alpha;
  for (let b0 = 0; b0 < len; b0 += step) {
    const b1 = Math.min(len, b0 + step);
    for (let j = 0; j < c; j++) {
      const sc = scale[j]!;
      const sh = shift[j]!;
      for (let i = b0 + j; i < b1; i += c) {
        const z = y[i]! * sc + sh;
        out[i] = z > 0 ? z : z * alpha;
      }
    }
  }
}

/**
 * Gradients of bnLeakyForward's `out` for dOut: dz = dOut·(z > 0 ? 1 : α) (tfjs' leakyRelu gradient),
 * dβ = Σ dz, dγ = Σ dz·x̂, dy = γ/√(σ²+ε) · (dz − dβ/N − x̂·dγ/N) (batch norm through its batch moments).
 */
export function bnLeakyBackward(dOut: Float32Array, y: Float32Array, c: number, gamma: Float32Array, beta: Float32Array, mean: Float32Array, variance: Float32Array, a: BnLeakyAttrs, dy: Float32Array, dGamma: Float32Array, dBeta: Float32Array): void {
  const len = y.length;
  const n = len / c;
  const step = blockLen(c);
  const alpha = a.alpha;
  const inv = new Float64Array(c);
  for (let j = 0; j < c; j++) inv[j] = 1 / Math.sqrt(variance[j]! + a.epsilon);
  const sdz = new Float64Array(c);
  const sdzx = new Float64Array(c);
  const sc = new Float64Array(c);
  const sh = new Float64Array(c);
  for (let j = 0; j < c; j++) [sc[j], sh[j]] = affine(gamma[j]!, beta[j]!, mean[j]!, variance[j]!, a.epsilon);
  for (let b0 = 0; b0 < len; b0 += step) {
    const b1 = Math.min(len, b0 + step);
    for (let j = 0; j < c; j++) {
      const m = mean[j]!;
      const iv = inv[j]!;
      const zs = sc[j]!;
      const zb = sh[j]!;
      let s = 0;
      let sx = 0;
      for (let i = b0 + j; i < b1; i += c) {
        const xh = (y[i]! - m) * iv;
        const d = y[i]! * zs + zb > 0 ? dOut[i]! : dOut[i]! * alpha;
        s += d;
        sx += d * xh;
      }
      sdz[j]! += s;
      sdzx[j]! += sx;
    }
  }
  for (let j = 0; j < c; j++) {
    dBeta[j] = sdz[j]!;
    dGamma[j] = sdzx[j]!;
  }
  for (let b0 = 0; b0 < len; b0 += step) {
    const b1 = Math.min(len, b0 + step);
    for (let j = 0; j < c; j++) {
      const m = mean[j]!;
      const iv = inv[j]!;
      const zs = sc[j]!;
      const zb = sh[j]!;
      const k = gamma[j]! * iv;
      const mdz = sdz[j]! / n;
      const mdzx = sdzx[j]! / n;
      for (let i = b0 + j; i < b1; i += c) {
        const xh = (y[i]! - m) * iv;
        const d = y[i]! * zs + zb > 0 ? dOut[i]! : dOut[i]! * alpha;
        dy[i] = k * (d - mdz - xh * mdzx);
      }
    }
  }
}

function lastDim(t: TensorInfo): number {
  return t.shape[t.shape.length - 1]!;
}

/** Who computes the two passes: the JS loops above, or the native addon (same arithmetic, native vector width). */
export interface BnLeakyImpl {
  forward: typeof bnLeakyForward;
  backward: typeof bnLeakyBackward;
}

export const jsBnLeaky: BnLeakyImpl = { forward: bnLeakyForward, backward: bnLeakyBackward };

/** Views are taken after every output is allocated: an allocation may grow the heap and detach older views. */
export function bnLeakyConfig(impl: BnLeakyImpl = jsBnLeaky): KernelConfig {
  return {
    kernelName: BN_LEAKY,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, gamma, beta } = inputs as NamedTensorInfoMap;
      const be = backend as unknown as WasmHeap;
      const c = lastDim(x!);
      const outs = [be.makeOutput(x!.shape, 'float32'), be.makeOutput([c], 'float32'), be.makeOutput([c], 'float32')];
      const [o, m, v] = outs.map((t) => be.typedArrayFromHeap(t));
      impl.forward(be.typedArrayFromHeap(x!), c, be.typedArrayFromHeap(gamma!), be.typedArrayFromHeap(beta!), attrs as unknown as BnLeakyAttrs, o!, m!, v!);
      return outs;
    },
  };
}

export function bnLeakyGradConfig(impl: BnLeakyImpl = jsBnLeaky): KernelConfig {
  return {
    kernelName: BN_LEAKY_GRAD,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { dy, x, gamma, beta, mean, variance } = inputs as NamedTensorInfoMap;
      const be = backend as unknown as WasmHeap;
      const c = lastDim(x!);
      const outs = [be.makeOutput(x!.shape, 'float32'), be.makeOutput([c], 'float32'), be.makeOutput([c], 'float32')];
      const [dx, dg, db] = outs.map((t) => be.typedArrayFromHeap(t));
      const h = (t: TensorInfo | undefined): Float32Array => be.typedArrayFromHeap(t!);
      impl.backward(h(dy), h(x), c, h(gamma), h(beta), h(mean), h(variance), attrs as unknown as BnLeakyAttrs, dx!, dg!, db!);
      return outs;
    },
  };
}

/** The gradient of `out` only: the statistics are reported (moving averages), never part of a loss. */
export const bnLeakyGradient: tf.GradConfig = {
  kernelName: BN_LEAKY,
  inputsToSave: ['x', 'gamma', 'beta'],
  outputsToSave: [false, true, true],
  gradFunc: (dys, saved, attrs) => {
    const [x, gamma, beta, mean, variance] = saved as tf.Tensor[];
    const dOut = Array.isArray(dys) ? dys[0]! : dys;
    const [dx, dg, db] = tf.engine().runKernel(BN_LEAKY_GRAD, { dy: dOut, x: x!, gamma: gamma!, beta: beta!, mean: mean!, variance: variance! }, attrs) as tf.Tensor[];
    return { x: () => dx!, gamma: () => dg!, beta: () => db! };
  },
};

/** Whether the fused kernel runs on the active backend (else callers use the reference ops). */
export function hasBnLeaky(): boolean {
  return tf.getKernel(BN_LEAKY, tf.getBackend()) != null;
}

/** Fused batch norm (batch statistics) + leaky ReLU: the output and the batch moments. */
export function bnLeaky(y: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number, alpha: number): { out: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const [out, mean, variance] = tf.engine().runKernel(BN_LEAKY, { x: y, gamma, beta }, { epsilon, alpha } as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return { out: out as tf.Tensor4D, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}
