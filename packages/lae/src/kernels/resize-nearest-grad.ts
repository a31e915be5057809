// Gradient of nearest-neighbour ×2 upsampling (the decoder's) on wasm: each input pixel fed a 2×2 block, so its
// gradient is the block's sum = 4 · avgPool 2×2/2, which XNNPACK runs; wasm's own kernel is a scalar loop.
// Other shapes and modes (align corners, half-pixel centres) go to the stock kernel.
import * as tf from '@tensorflow/tfjs-core';
import { type KernelConfig, type KernelFunc, type NamedTensorInfoMap, type ResizeNearestNeighborGradAttrs, type Tensor4D } from '@tensorflow/tfjs-core';
import { asTensor } from './as-tensor.ts';

export function resizeNearestGradConfig(stock: KernelFunc): KernelConfig {
  return {
    kernelName: tf.ResizeNearestNeighborGrad,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { dy, images } = args.inputs as NamedTensorInfoMap;
      const a = args.attrs as unknown as ResizeNearestNeighborGradAttrs;
      const [, h, w] = images!.shape;
      const [, oh, ow] = dy!.shape;
      if (a.alignCorners || a.halfPixelCenters || oh !== 2 * h! || ow !== 2 * w! || dy!.dtype !== 'float32') return stock(args);
      return tf.tidy(() => tf.mul(tf.avgPool(asTensor<Tensor4D>(dy!), 2, 2, 'valid'), 4));
    },
  };
}
