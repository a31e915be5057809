// Native kernels for the wasm backend (@lae-studio/lae-native), in place on the wasm heap: Conv2D, its two
// gradients and the fused (bias + activation) conv on oneDNN, the fused batch norm + leaky ReLU forward and
// backward, the decoder's ×2 upsampling forward and backward, L_rec through the sub-pixel output head, and Adam.
// Convolutions were ~80 % of a training step's kernel time on wasm SIMD128 and the fused batch norm most of the
// rest once they were native; the addon runs them at this CPU's full vector width (AVX-512 / AVX2, picked at run
// time). A call the addon does not take (other dtypes, layouts, modes or sizes, empty tensors) goes to the kernel
// registered before: the fallback.
import * as tf from '@tensorflow/tfjs-core';
import { backend_util, type KernelConfig, type KernelFunc, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { loadNativeAddon, type AddonLoad, type NativeAddon } from '@lae-studio/lae-native';
import { adamConfig, adamConstants, type AdamImpl } from './adam.ts';
import { bnLeakyConfig, bnLeakyGradConfig, type BnLeakyImpl } from './bn-leaky.ts';
import { recL1Config, recL1GradConfig, type RecL1Impl } from './rec-head.ts';
import { type WasmHeap } from './wasm-heap.ts';

type Shape4 = [number, number, number, number];
interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The addon's 17-int geometry for tfjs's conv of x (NHWC) with a filter (HWIO), or null when oneDNN's output-size
 * rule (floor division over the padded extent) would disagree with tfjs's, or a dimension is empty.
 */
export function onednnGeometry(xShape: Shape4, filterShape: Shape4, a: ConvAttrs): Int32Array | null {
  if ((a.dataFormat ?? 'NHWC') !== 'NHWC') return null;
  const info = backend_util.computeConv2DInfo(xShape, filterShape, a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, false, 'channelsLast');
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, filterHeight: kh, filterWidth: kw, outChannels: co, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { top, bottom, left, right } = info.padInfo;
  const g = [n, h, w, ci, kh, kw, co, oh, ow, sh, sw, dh, dw, top, bottom, left, right];
  if (g.some((v) => !Number.isInteger(v) || v < 0) || g.slice(0, 13).some((v) => v === 0)) return null;
  const fits = (size: number, k: number, d: number, s: number, p0: number, p1: number, out: number) => Math.floor((size + p0 + p1 - ((k - 1) * d + 1)) / s) + 1 === out;
  if (!fits(h, kh, dh, sh, top, bottom, oh) || !fits(w, kw, dw, sw, left, right, ow)) return null;
  return Int32Array.from(g);
}

function isFloat4d(...ts: Array<TensorInfo | undefined>): boolean {
  return ts.every((t) => t?.dtype === 'float32' && t.shape.length === 4);
}

/** The convolution kernels on the addon, each falling back to `stock(name)` (the kernel it replaces). */
export function nativeConvConfigs(addon: NativeAddon, stock: (name: string) => KernelConfig | undefined): KernelConfig[] {
  const wrap = (name: string, run: (args: Parameters<KernelFunc>[0], fallback: KernelFunc) => TensorInfo | TensorInfo[]): KernelConfig | null => {
    const prev = stock(name);
    if (!prev) return null;
    return { ...prev, kernelFunc: (args) => run(args, prev.kernelFunc) };
  };
  return [
    wrap(tf.Conv2D, (args, fallback) => {
      const { x, filter } = args.inputs as NamedTensorInfoMap;
      const g = isFloat4d(x, filter) ? onednnGeometry(x!.shape as Shape4, filter!.shape as Shape4, args.attrs as unknown as ConvAttrs) : null;
      if (!g) return fallback(args);
      const be = args.backend as unknown as WasmHeap;
      const y = be.makeOutput([g[0]!, g[7]!, g[8]!, g[6]!], 'float32');
      addon.conv2d(be.typedArrayFromHeap(x!), be.typedArrayFromHeap(filter!), be.typedArrayFromHeap(y), g);
      return y;
    }),
    // Inference ('fast' scoring on tfjs): the bias and activation ride in oneDNN's epilogue.
    wrap(tf.FusedConv2D, (args, fallback) => {
      const { x, filter, bias, preluActivationWeights } = args.inputs as NamedTensorInfoMap;
      const a = args.attrs as unknown as ConvAttrs & { activation: string; leakyreluAlpha?: number };
      const activation = ({ linear: 0, relu: 1, leakyrelu: 2, sigmoid: 3 } as const)[a.activation as 'linear'];
      const g = isFloat4d(x, filter) && activation != null && !preluActivationWeights ? onednnGeometry(x!.shape as Shape4, filter!.shape as Shape4, a) : null;
      if (!g || (bias && (bias.dtype !== 'float32' || bias.shape.reduce((p, d) => p * d, 1) !== g[6]))) return fallback(args);
      const be = args.backend as unknown as WasmHeap;
      const y = be.makeOutput([g[0]!, g[7]!, g[8]!, g[6]!], 'float32');
      addon.conv2dFused(be.typedArrayFromHeap(x!), be.typedArrayFromHeap(filter!), bias ? be.typedArrayFromHeap(bias) : null, be.typedArrayFromHeap(y), g, activation, a.leakyreluAlpha ?? 0.2);
      return y;
    }),
    wrap(tf.Conv2DBackpropInput, (args, fallback) => {
      const { dy, filter } = args.inputs as NamedTensorInfoMap;
      const a = args.attrs as unknown as ConvAttrs & { inputShape: Shape4 };
      const g = isFloat4d(dy, filter) ? onednnGeometry(a.inputShape, filter!.shape as Shape4, { ...a, dilations: 1 }) : null;
      if (!g || g[7] !== dy!.shape[1] || g[8] !== dy!.shape[2]) return fallback(args);
      const be = args.backend as unknown as WasmHeap;
      const dx = be.makeOutput([...a.inputShape], 'float32');
      addon.conv2dBackpropInput(be.typedArrayFromHeap(dy!), be.typedArrayFromHeap(filter!), be.typedArrayFromHeap(dx), g);
      return dx;
    }),
    wrap(tf.Conv2DBackpropFilter, (args, fallback) => {
      const { x, dy } = args.inputs as NamedTensorInfoMap;
      const a = args.attrs as unknown as ConvAttrs & { filterShape: Shape4 };
      const g = isFloat4d(x, dy) ? onednnGeometry(x!.shape as Shape4, a.filterShape, { ...a, dilations: 1 }) : null;
      if (!g || g[7] !== dy!.shape[1] || g[8] !== dy!.shape[2]) return fallback(args);
      const be = args.backend as unknown as WasmHeap;
      const dw = be.makeOutput([...a.filterShape], 'float32');
      addon.conv2dBackpropFilter(be.typedArrayFromHeap(x!), be.typedArrayFromHeap(dy!), be.typedArrayFromHeap(dw), g);
      return dw;
    }),
  ].filter((k): k is KernelConfig => k != null);
}

export function nativeAdam(addon: NativeAddon): AdamImpl {
  return (x, m, v, g, a, xo, mo, vo) => addon.adam(x, m, v, g, xo, mo, vo, adamConstants(a));
}

export function nativeRecL1(addon: NativeAddon): RecL1Impl {
  return { sum: (z, x, n, h, w, c) => addon.recL1Sum(z, x, n, h, w, c), grad: (z, x, n, h, w, c, g, dz, db) => addon.recL1Grad(z, x, n, h, w, c, g, dz, db) };
}

export function nativeBnLeaky(addon: NativeAddon): BnLeakyImpl {
  return {
    forward: (y, _c, gamma, beta, a, out, mean, variance) => addon.bnLeakyForward(y, gamma, beta, out, mean, variance, a.epsilon, a.alpha),
    backward: (dOut, y, _c, gamma, beta, mean, variance, a, dy, dGamma, dBeta) => addon.bnLeakyBackward(dOut, y, gamma, beta, mean, variance, dy, dGamma, dBeta, a.epsilon, a.alpha),
  };
}

/** The decoder's nearest-neighbour ×2 upsampling and its gradient; other sizes and modes go to the kernel replaced. */
export function nativeUpsampleConfigs(addon: NativeAddon, stock: (name: string) => KernelConfig | undefined): KernelConfig[] {
  const plain2x = (a: { alignCorners: boolean; halfPixelCenters: boolean }, small: readonly number[], big: readonly number[]) =>
    !a.alignCorners && !a.halfPixelCenters && small.length === 4 && big[1] === 2 * small[1]! && big[2] === 2 * small[2]! && big[0] === small[0] && big[3] === small[3] && small.every((d) => d > 0);
  const up = stock(tf.ResizeNearestNeighbor);
  const grad = stock(tf.ResizeNearestNeighborGrad);
  return [
    up && {
      ...up,
      kernelFunc: (args: Parameters<KernelFunc>[0]) => {
        const { images } = args.inputs as NamedTensorInfoMap;
        const a = args.attrs as unknown as { alignCorners: boolean; halfPixelCenters: boolean; size: [number, number] };
        const [n, h, w, c] = images!.shape as Shape4;
        if (images!.dtype !== 'float32' || !plain2x(a, images!.shape, [n, a.size[0], a.size[1], c])) return up.kernelFunc(args);
        const be = args.backend as unknown as WasmHeap;
        const y = be.makeOutput([n, 2 * h, 2 * w, c], 'float32');
        addon.upsample2x(be.typedArrayFromHeap(images!), be.typedArrayFromHeap(y), n, h, w, c);
        return y;
      },
    },
    grad && {
      ...grad,
      kernelFunc: (args: Parameters<KernelFunc>[0]) => {
        const { images, dy } = args.inputs as NamedTensorInfoMap;
        const a = args.attrs as unknown as { alignCorners: boolean; halfPixelCenters: boolean };
        if (dy!.dtype !== 'float32' || !plain2x(a, images!.shape, dy!.shape)) return grad.kernelFunc(args);
        const [n, h, w, c] = images!.shape as Shape4;
        const be = args.backend as unknown as WasmHeap;
        const dx = be.makeOutput([n, h, w, c], 'float32');
        addon.upsample2xGrad(be.typedArrayFromHeap(dy!), be.typedArrayFromHeap(dx), n, h, w, c);
        return dx;
      },
    },
  ].filter((k): k is KernelConfig => k != null);
}

let registered: NativeAddon | null = null; // once its kernels are registered on this thread

/**
 * Runs fn with oneDNN on `threads` OpenMP threads for this thread's calls (one at rest: training shards run one per
 * thread). Scoring takes both cores this way: a batch split over worker threads pays each thread's fixed costs, and
 * measured at half the speed (issue 13). Without the native kernels, fn runs as is.
 */
export async function withNativeThreads<T>(threads: number, fn: () => Promise<T>): Promise<T> {
  const addon = registered;
  if (!addon || threads <= 1) return fn();
  addon.setThreads(threads);
  try {
    return await fn();
  } finally {
    addon.setThreads(1);
  }
}
const registeredFuncs = new WeakSet<KernelFunc>();

/** Whether the kernel tfjs runs for `name` on wasm is one of this module's native ones. */
export function isNativeKernel(name: string): boolean {
  const k = tf.getKernel(name, 'wasm');
  return k != null && registeredFuncs.has(k.kernelFunc);
}

/** Puts the native kernels in front of the wasm ones registered so far (call after registerWasmTrainingKernels); once. */
export function registerNativeKernels(addon: NativeAddon): void {
  if (registered) return;
  registered = addon;
  const stock = (name: string) => tf.getKernel(name, 'wasm');
  const impl = nativeBnLeaky(addon);
  const rec = nativeRecL1(addon);
  for (const k of [...nativeConvConfigs(addon, stock), ...nativeUpsampleConfigs(addon, stock), bnLeakyConfig(impl), bnLeakyGradConfig(impl), recL1Config(rec), recL1GradConfig(rec), adamConfig(nativeAdam(addon))]) {
    if (tf.getKernel(k.kernelName, 'wasm')) tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel(k);
    registeredFuncs.add(k.kernelFunc);
  }
}

export type KernelEngine = 'native' | 'wasm';
export type KernelEngineChoice = { engine: KernelEngine; reason: string };

/**
 * Chooses, before the wasm backend starts, who runs its heavy kernels: `auto` takes the native ones when the addon
 * loads, `native` requires them (throws with the reason and the fix), `wasm` keeps tfjs's and the JS ones.
 * Registration is once per thread and global (tfjs's kernel registry): a thread that registered them keeps them.
 */
export function chooseKernelEngine(requested: 'auto' | KernelEngine, load: () => AddonLoad = loadNativeAddon): KernelEngineChoice {
  if (registered) return { engine: 'native', reason: `oneDNN ${registered.version()}` };
  if (requested === 'wasm') return { engine: 'wasm', reason: 'LAE_KERNELS=wasm' };
  const r = load();
  if (!r.ok) {
    if (requested === 'native') throw new Error(`LAE_KERNELS=native, but ${r.reason}. Set LAE_KERNELS=auto to train with the wasm kernels.`);
    return { engine: 'wasm', reason: r.reason };
  }
  registerNativeKernels(r.addon);
  return { engine: 'native', reason: `oneDNN ${r.addon.version()}` };
}
