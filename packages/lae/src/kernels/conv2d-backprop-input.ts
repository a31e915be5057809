// dx as a stride-1 conv2d (XNNPACK on wasm) of the zero-inserted dy with the rotated filter.
// Zero insertion uses depthToSpace, so everything stays 4-D and runs on wasm's fast kernels.
import * as tf from '@tensorflow/tfjs-core';
import { type Conv2DBackpropInputAttrs, type KernelConfig, type KernelFunc, type NamedTensorInfoMap, type Tensor4D } from '@tensorflow/tfjs-core';
import { asTensor } from './as-tensor.ts';
import { convGeometry } from './conv-geometry.ts';

export function conv2dBackpropInputComposite(dy: Tensor4D, filter: Tensor4D, inputShape: [number, number, number, number], attrs: Pick<Conv2DBackpropInputAttrs, 'strides' | 'pad' | 'dimRoundingMode'>): Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = inputShape;
    const [kH, kW, , co] = filter.shape;
    const g = convGeometry(inputShape, filter.shape, attrs);
    if (g.strideH !== g.strideW) throw new Error('conv2dBackpropInputComposite: unequal strides');
    const s = g.strideH;
    let up: Tensor4D = dy;
    if (s > 1) {
      const zeros = tf.zeros([dy.shape[0], dy.shape[1], dy.shape[2], co * (s * s - 1)]);
      const spread = tf.depthToSpace(tf.concat([dy, zeros], 3) as Tensor4D, s); // dy at (s·i, s·j)
      up = tf.slice(spread, [0, 0, 0, 0], [-1, (g.outH - 1) * s + 1, (g.outW - 1) * s + 1, -1]);
    }
    const [, hd, wd] = up.shape;
    const pt = kH - 1 - g.padTop;
    const pl = kW - 1 - g.padLeft;
    const pb = h + kH - 1 - hd - pt;
    const pr = w + kW - 1 - wd - pl;
    if (pt < 0 || pl < 0 || pb < 0 || pr < 0) throw new Error('conv2dBackpropInputComposite: padding larger than the filter');
    const padded = tf.pad(up, [[0, 0], [pt, pb], [pl, pr], [0, 0]]);
    const rotated = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as Tensor4D; // [KH, KW, Co, Ci]
    return tf.conv2d(padded, rotated, 1, 'valid');
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
