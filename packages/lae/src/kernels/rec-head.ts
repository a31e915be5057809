// The decoder's output head and L_rec as one op, for wasm. The reference graph (model.ts decode + losses.ts lossRec):
// conv to 4C channels + bias, pixel shuffle ×2 (a transpose), sigmoid, then mean |x − r|; backward: the L1 and
// sigmoid gradients, the transpose again and the bias gradient's sum: ten full-resolution passes, a sixth of a 64²
// training step (issue 13). Here: the conv with bias and sigmoid fused (oneDNN's epilogue on the native kernels),
// L_rec read through the shuffle without moving a pixel, and one backward pass for dz and the bias gradient.
// Sub-pixel layout: z [n,h,w,4C], channel k = dy·2C + dx·C + ch is pixel (2i+dy, 2j+dx, ch) of x [n,2h,2w,C].
import * as tf from '@tensorflow/tfjs-core';
import { type KernelConfig, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { type WasmHeap } from './wasm-heap.ts';

export const REC_L1 = 'LaeRecL1';
export const REC_L1_GRAD = 'LaeRecL1Grad';

const f = Math.fround;

/** Σ |x − shuffle(z)| in double precision, each difference rounded to float32 as tfjs's Sub. c = C (x's channels). */
export function recL1Sum(z: Float32Array, x: Float32Array, n: number, h: number, w: number, c: number): number {
  let s = 0;
  const c2 = 2 * c;
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        const zi = ((b * h + i) * w + j) * 4 * c;
        for (let dy = 0; dy < 2; dy++) {
          // The 2C values of z for this dy are x's two horizontally adjacent pixels, contiguous.
          const xi = ((b * 2 * h + 2 * i + dy) * 2 * w + 2 * j) * c;
          const zr = zi + dy * c2;
          for (let k = 0; k < c2; k++) s += Math.abs(f(x[xi + k]! - z[zr + k]!));
        }
      }
  return s;
}

/**
 * The gradient of mean |x − shuffle(z)| · dyScale with respect to the conv's pre-sigmoid output, given z = σ(·):
 * dz = −s·(dy/N) · z(1 − z) with s = 1 where x − r > 0 and −1 elsewhere (tf.abs's gradient, as lossRec), each
 * product rounded to float32 in tfjs's order; db = Σ dz per channel (double). dz: [n,h,w,4C], db: [4C].
 */
export function recL1Grad(z: Float32Array, x: Float32Array, n: number, h: number, w: number, c: number, dyOverN: number, dz: Float32Array, db: Float32Array): void {
  const c2 = 2 * c;
  const c4 = 4 * c;
  const g = f(dyOverN);
  const acc = new Float64Array(c4);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        const zi = ((b * h + i) * w + j) * c4;
        for (let dy = 0; dy < 2; dy++) {
          const xi = ((b * 2 * h + 2 * i + dy) * 2 * w + 2 * j) * c;
          const o = dy * c2;
          for (let k = 0; k < c2; k++) {
            const zv = z[zi + o + k]!;
            const gr = g * (1 - 2 * +(f(x[xi + k]! - zv) > 0)); // ±g, exact; no branch to mispredict on random signs
            const v = f(gr * f(zv * f(1 - zv)));
            dz[zi + o + k] = v;
            acc[o + k]! += v;
          }
        }
      }
  for (let k = 0; k < c4; k++) db[k] = acc[k]!;
}

/** Who runs the two passes: the loops above, or the native addon (same arithmetic). */
export interface RecL1Impl {
  sum: typeof recL1Sum;
  grad: typeof recL1Grad;
}

export const jsRecL1: RecL1Impl = { sum: recL1Sum, grad: recL1Grad };

function dims(z: TensorInfo): [number, number, number, number] {
  const [n, h, w, c4] = z.shape as [number, number, number, number];
  return [n, h, w, c4 / 4];
}

export function recL1Config(impl: RecL1Impl = jsRecL1): KernelConfig {
  return {
    kernelName: REC_L1,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const { z, x } = inputs as NamedTensorInfoMap;
      const be = backend as unknown as WasmHeap;
      const out = be.makeOutput([], 'float32');
      const [n, h, w, c] = dims(z!);
      // tf.mean: the sum, then one float32 division by the element count.
      be.typedArrayFromHeap(out)[0] = f(impl.sum(be.typedArrayFromHeap(z!), be.typedArrayFromHeap(x!), n, h, w, c)) / x!.shape.reduce((a, d) => a * d, 1);
      return out;
    },
  };
}

export function recL1GradConfig(impl: RecL1Impl = jsRecL1): KernelConfig {
  return {
    kernelName: REC_L1_GRAD,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const { dy, z, x } = inputs as NamedTensorInfoMap;
      const be = backend as unknown as WasmHeap;
      const [n, h, w, c] = dims(z!);
      const outs = [be.makeOutput(z!.shape, 'float32'), be.makeOutput([4 * c], 'float32')];
      const [dz, db] = outs.map((t) => be.typedArrayFromHeap(t));
      const size = x!.shape.reduce((a, d) => a * d, 1);
      impl.grad(be.typedArrayFromHeap(z!), be.typedArrayFromHeap(x!), n, h, w, c, f(be.typedArrayFromHeap(dy!)[0]! / size), dz!, db!);
      return outs;
    },
  };
}

/** Whether the fused head runs on the active backend (else the model uses the reference ops). */
export function hasRecHead(): boolean {
  return tf.getKernel(REC_L1, tf.getBackend()) != null;
}

/**
 * L_rec = mean |x − shuffle(σ(conv(y, w) + b))| ('same' padding, stride 1), differentiable in y, w and b (x is
 * data). Equal to lossRec(x, decode's output) up to float32 summation order.
 */
export function recHeadLoss(y: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, x: tf.Tensor4D): tf.Scalar {
  const op = tf.customGrad((yy, ww, bb, save) => {
    // The kernel itself: tf.fused.conv2d would unfuse a sigmoid under a gradient (its own gradient lacks one).
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1, dimRoundingMode: undefined, activation: 'sigmoid', leakyreluAlpha: 0 };
    const z = tf.engine().runKernel(tf.FusedConv2D, { x: yy as tf.Tensor, filter: ww as tf.Tensor, bias: bb as tf.Tensor }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
    (save as tf.GradSaveFunc)([yy as tf.Tensor, ww as tf.Tensor, z]);
    return {
      value: tf.engine().runKernel(REC_L1, { z, x }, {}) as tf.Scalar,
      gradFunc: (dy, [ys, ws, zs]) => {
        const [dz, db] = tf.engine().runKernel(REC_L1_GRAD, { dy, z: zs!, x }, {}) as [tf.Tensor4D, tf.Tensor1D];
        const conv = { strides: 1, pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined } as const;
        const dyIn = tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: dz, filter: ws! }, { ...conv, inputShape: ys!.shape } as unknown as tf.NamedAttrMap) as tf.Tensor;
        const dw = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: ys!, dy: dz }, { ...conv, filterShape: ws!.shape } as unknown as tf.NamedAttrMap) as tf.Tensor;
        dz.dispose();
        return [dyIn, dw, db];
      },
    };
  });
  return op(y, w, b) as tf.Scalar;
}
