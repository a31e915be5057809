// dx by sub-pixel (phase) decomposition, all on wasm's XNNPACK conv2d: for stride s, output rows
// i = s·m + r only receive filter taps t ≡ r + padTop (mod s), so each of the s² phases is a small stride-1
// correlation of dy, and the phases are interleaved with concat + reshape. No zero insertion: s² fewer FLOPs
// than the textbook dilate-then-convolve, and no DepthToSpace (naive on wasm).
import * as tf from '@tensorflow/tfjs-core';
import { type Conv2DBackpropInputAttrs, type KernelConfig, type KernelFunc, type NamedTensorInfoMap, type Tensor4D } from '@tensorflow/tfjs-core';
import { asTensor } from './as-tensor.ts';
import { convGeometry } from './conv-geometry.ts';

interface Phase {
  /** Filter taps, in correlation order. */
  taps: number[];
  /** dy offset of the first tap. */
  start: number;
  /** Output rows of this phase. */
  count: number;
}

/** Taps and offsets of phase r along one axis (input size n, filter k, stride s, leading pad p). */
export function phase(r: number, n: number, k: number, s: number, p: number): Phase {
  const count = Math.max(0, Math.ceil((n - r) / s));
  const taps: number[] = [];
  let start = 0;
  // dx[s·m + r] = Σ_t dy[m + (r + p − t)/s] · W[t] for t ≡ r + p (mod s): offsets ascend as t descends.
  for (let t = k - 1; t >= 0; t--) {
    if ((((r + p - t) % s) + s) % s !== 0) continue;
    if (taps.length === 0) start = (r + p - t) / s;
    taps.push(t);
  }
  return { taps, start, count };
}

/** Rows [start, start + len) of `x` along `axis` (1 or 2), zero-padded where out of range. */
function window(x: Tensor4D, axis: 1 | 2, start: number, len: number): Tensor4D {
  const n = x.shape[axis];
  const before = Math.max(0, -start);
  const after = Math.max(0, start + len - n);
  const from = Math.max(0, start);
  const to = Math.min(n, start + len);
  let y: Tensor4D = x;
  if (from > 0 || to < n) {
    const begin = [0, 0, 0, 0];
    const size = [-1, -1, -1, -1];
    begin[axis] = from;
    size[axis] = Math.max(0, to - from);
    y = tf.slice(x, begin, size);
  }
  if (before || after) {
    const pad: Array<[number, number]> = [[0, 0], [0, 0], [0, 0], [0, 0]];
    pad[axis] = [before, after];
    y = tf.pad(y, pad);
  }
  return y;
}

/**
 * Interleaves tensors along `axis`: out[n·m + r] = parts[r][m]. Concat on axis 0 (large copies) plus a 3-D
 * transpose, both fast on wasm; a concat along channels copies a few floats at a time in JS.
 */
function interleave(parts: Tensor4D[], axis: 1 | 2): Tensor4D {
  if (parts.length === 1) return parts[0]!;
  const [b, h, w, c] = parts[0]!.shape;
  const n = parts.length;
  const rows = axis === 2 ? b * h * w : b * h;
  const inner = axis === 2 ? c : w * c;
  const stacked = tf.concat(parts.map((p) => tf.reshape(p, [1, rows, inner])), 0);
  const t = tf.transpose(stacked, [1, 0, 2]);
  return tf.reshape(t, axis === 2 ? [b, h, w * n, c] : [b, h * n, w, c]);
}

export function conv2dBackpropInputComposite(dy: Tensor4D, filter: Tensor4D, inputShape: [number, number, number, number], attrs: Pick<Conv2DBackpropInputAttrs, 'strides' | 'pad' | 'dimRoundingMode'>): Tensor4D {
  return tf.tidy(() => {
    const [b, h, w, ci] = inputShape;
    const g = convGeometry(inputShape, filter.shape, attrs);
    if (g.strideH !== g.strideW) throw new Error('conv2dBackpropInputComposite: unequal strides');
    const s = g.strideH;
    const wT = tf.transpose(filter, [0, 1, 3, 2]) as Tensor4D; // [KH, KW, Co, Ci]
    // Stride 1 with centred padding (3×3 'same', 1×1): dx is dy correlated with the flipped filter under the same
    // padding, which XNNPACK applies itself: no pad, no gathers, one conv.
    if (s === 1 && g.outH === h && g.outW === w && 2 * g.padTop === g.kH - 1 && 2 * g.padLeft === g.kW - 1) {
      return tf.conv2d(dy, g.kH * g.kW > 1 ? tf.reverse(wT, [0, 1]) : wT, 1, 'same');
    }
    const rowsPer = Math.ceil(h / s);
    const colsPer = Math.ceil(w / s);
    const rows: Tensor4D[] = [];
    for (let ry = 0; ry < s; ry++) {
      const py = phase(ry, h, g.kH, s, g.padTop);
      const cols: Tensor4D[] = [];
      for (let rx = 0; rx < s; rx++) {
        const px = phase(rx, w, g.kW, s, g.padLeft);
        let out: Tensor4D;
        if (py.taps.length === 0 || px.taps.length === 0 || py.count === 0 || px.count === 0) {
          out = tf.zeros([b, rowsPer, colsPer, ci]);
        } else {
          const sub = tf.gather(tf.gather(wT, py.taps, 0), px.taps, 1) as Tensor4D;
          const input = window(window(dy, 1, py.start, py.count + py.taps.length - 1), 2, px.start, px.count + px.taps.length - 1);
          out = tf.conv2d(input, sub, 1, 'valid');
          if (py.count < rowsPer || px.count < colsPer) out = tf.pad(out, [[0, 0], [0, rowsPer - py.count], [0, colsPer - px.count], [0, 0]]);
        }
        cols.push(out);
      }
      rows.push(interleave(cols, 2));
    }
    const full = interleave(rows, 1);
    return full.shape[1] === h && full.shape[2] === w ? full : tf.slice(full, [0, 0, 0, 0], [-1, h, w, -1]);
  });
}

/** Wraps wasm's own (naive) kernel as the fallback for the cases the composite does not cover. */
export function conv2dBackpropInputConfig(fallback: KernelFunc | undefined): KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropInput,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { dy, filter } = args.inputs as NamedTensorInfoMap;
      const a = args.attrs as unknown as Conv2DBackpropInputAttrs;
      if (!dy || !filter) throw new Error('Conv2DBackpropInput: missing inputs');
      const strides = typeof a.strides === 'number' ? [a.strides, a.strides] : a.strides;
      if (a.dataFormat !== 'NHWC' || strides[0] !== strides[1]) {
        if (!fallback) throw new Error('Conv2DBackpropInput (lae wasm): unsupported arguments and no fallback kernel');
        return fallback(args);
      }
      return conv2dBackpropInputComposite(asTensor<Tensor4D>(dy), asTensor<Tensor4D>(filter), a.inputShape, a);
    },
  };
}
