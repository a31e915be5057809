// Loads the native kernels (oneDNN convolutions, fused batch norm + leaky ReLU, ×2 upsampling, L_rec's output head, Adam) built at install by
// scripts/build.js. Optional: when it was not built (no libdnnl-dev) or cannot load (libdnnl missing at run time),
// `loadNativeAddon` says why and LAE keeps its wasm kernels.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Geometry of one convolution, 17 int32s: n, h, w, ci, kh, kw, co, oh, ow, strideH, strideW, dilationH, dilationW
 * (1 = none, as tfjs), padTop, padBottom, padLeft, padRight. NHWC activations, HWIO filters, float32.
 */
export type ConvGeometryArray = Int32Array;

export interface NativeAddon {
  /** y = conv(x, filter). */
  conv2d(x: Float32Array, filter: Float32Array, y: Float32Array, g: ConvGeometryArray): void;
  /** y = act(conv(x, filter) + bias), as tfjs's fused conv2d; activation 0 none, 1 ReLU, 2 leaky ReLU (slope alpha), 3 sigmoid. */
  conv2dFused(x: Float32Array, filter: Float32Array, bias: Float32Array | null, y: Float32Array, g: ConvGeometryArray, activation: 0 | 1 | 2 | 3, alpha: number): void;
  /** dx = the gradient of conv(x, filter) with respect to x, given dy. */
  conv2dBackpropInput(dy: Float32Array, filter: Float32Array, dx: Float32Array, g: ConvGeometryArray): void;
  /** dw = the gradient with respect to the filter, given x and dy. */
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, dw: Float32Array, g: ConvGeometryArray): void;
  /**
   * Batch norm with batch statistics + leaky ReLU over NHWC `y` (C = gamma.length, innermost): `out`, and the biased
   * batch moments into `mean` and `variance`. The arithmetic of packages/lae/src/kernels/bn-leaky.ts.
   */
  bnLeakyForward(y: Float32Array, gamma: Float32Array, beta: Float32Array, out: Float32Array, mean: Float32Array, variance: Float32Array, epsilon: number, alpha: number): void;
  /** Its gradients for `dOut`: dy, dγ and dβ. */
  bnLeakyBackward(dOut: Float32Array, y: Float32Array, gamma: Float32Array, beta: Float32Array, mean: Float32Array, variance: Float32Array, dy: Float32Array, dGamma: Float32Array, dBeta: Float32Array, epsilon: number, alpha: number): void;
  /** Nearest-neighbour ×2 upsampling of x [n,h,w,c] into y [n,2h,2w,c] (each pixel to a 2×2 block). */
  upsample2x(x: Float32Array, y: Float32Array, n: number, h: number, w: number, c: number): void;
  /** Its gradient: dx [n,h,w,c] = the sums of dy's [n,2h,2w,c] 2×2 blocks. */
  upsample2xGrad(dy: Float32Array, dx: Float32Array, n: number, h: number, w: number, c: number): void;
  /**
   * L_rec's sum through the sub-pixel output head: Σ |x − shuffle(z)| for z [n,h,w,4c] and x [n,2h,2w,c]
   * (packages/lae/src/kernels/rec-head.ts recL1Sum).
   */
  recL1Sum(z: Float32Array, x: Float32Array, n: number, h: number, w: number, c: number): number;
  /** Its gradient before the sigmoid and the bias gradient, into dz [n,h,w,4c] and db [4c] (rec-head.ts recL1Grad). */
  recL1Grad(z: Float32Array, x: Float32Array, n: number, h: number, w: number, c: number, dyOverN: number, dz: Float32Array, db: Float32Array): void;
  /**
   * One Adam update of a weight (packages/lae/src/kernels/adam.ts adamUpdate): constants = float32 [β₁, 1−β₁, β₂,
   * 1−β₂, 1−β₁ᵗ, 1−β₂ᵗ, ε, −lr]; x, m, v, g in, xo, mo, vo out, all of one length.
   */
  adam(x: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, xo: Float32Array, mo: Float32Array, vo: Float32Array, constants: Float32Array): void;
  /** OpenMP threads oneDNN uses for calls from this thread (1 at load: LAE runs one data-parallel shard a thread). */
  setThreads(n: number): void;
  /** The implementation oneDNN picked for a geometry, e.g. "brgconv:avx512_core" (kind 0 forward, 1 input, 2 filter gradient). */
  implementation(kind: 0 | 1 | 2, g: ConvGeometryArray): string;
  /** oneDNN's version, e.g. "2.6.3". */
  version(): string;
}

export type AddonLoad = { ok: true; addon: NativeAddon } | { ok: false; reason: string };

export const ADDON_PATH = fileURLToPath(new URL('../build/Release/lae_native.node', import.meta.url));

let loaded: AddonLoad | undefined;

/** Loads the addon once per thread. */
export function loadNativeAddon(): AddonLoad {
  if (loaded) return loaded;
  if (!existsSync(ADDON_PATH)) {
    loaded = { ok: false, reason: 'the oneDNN addon is not built (install libdnnl-dev, then `npm rebuild @lae-studio/lae-native`)' };
  } else {
    try {
      loaded = { ok: true, addon: createRequire(import.meta.url)(ADDON_PATH) as NativeAddon };
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
      loaded = { ok: false, reason: `the oneDNN addon failed to load (${first}; is libdnnl2 installed?)` };
    }
  }
  return loaded;
}
