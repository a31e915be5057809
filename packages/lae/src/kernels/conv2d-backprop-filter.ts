// dW as one dilated conv2d (XNNPACK on wasm): swap the roles of batch and channels so that
// dy becomes the filter and the forward stride becomes the dilation.
import * as tf from '@tensorflow/tfjs-core';
import { type Conv2DBackpropFilterAttrs, type KernelConfig, type NamedTensorInfoMap, type Tensor4D } from '@tensorflow/tfjs-core';
import { asTensor } from './as-tensor.ts';
import { convGeometry } from './conv-geometry.ts';

export function conv2dBackpropFilterComposite(x: Tensor4D, dy: Tensor4D, filterShape: [number, number, number, number], attrs: Pick<Conv2DBackpropFilterAttrs, 'strides' | 'pad' | 'dimRoundingMode'>): Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const g = convGeometry(x.shape, filterShape, attrs);
    // Rows/cols the forward conv touched, in padded coordinates.
    const needH = (g.outH - 1) * g.strideH + g.kH;
    const needW = (g.outW - 1) * g.strideW + g.kW;
    const padBottom = Math.max(0, needH - h - g.padTop);
    const padRight = Math.max(0, needW - w - g.padLeft);
    const xp = g.padTop || g.padLeft || padBottom || padRight ? tf.pad(x, [[0, 0], [g.padTop, padBottom], [g.padLeft, padRight], [0, 0]]) : x;
    const xT = tf.transpose(xp, [3, 1, 2, 0]); // [Ci, Hp, Wp, B]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [OH, OW, B, Co]
    const out = tf.conv2d(xT, dyT as Tensor4D, 1, 'valid', 'NHWC', [g.strideH, g.strideW]); // [Ci, >=KH, >=KW, Co]
    const cropped = out.shape[1] === g.kH && out.shape[2] === g.kW ? out : tf.slice(out, [0, 0, 0, 0], [-1, g.kH, g.kW, -1]);
    return tf.transpose(cropped, [1, 2, 0, 3]);
  });
}

export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) => {
    const { x, dy } = inputs as NamedTensorInfoMap;
    const a = attrs as unknown as Conv2DBackpropFilterAttrs;
    if (!x || !dy) throw new Error('Conv2DBackpropFilter: missing inputs');
    if (a.dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter (lae wasm): only NHWC is supported, got ${a.dataFormat}`);
    return conv2dBackpropFilterComposite(asTensor<Tensor4D>(x), asTensor<Tensor4D>(dy), a.filterShape, a);
  },
};
