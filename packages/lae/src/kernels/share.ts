// wasm's Identity and same-dtype Cast copy the whole buffer. The gradient tape clones every input it saves
// (an Identity per saved tensor: ~300 per training step here), so share the data instead, as wasm's own
// Reshape and the cpu backend's Identity already do (the backend reference-counts data ids).
import * as tf from '@tensorflow/tfjs-core';
import { type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

interface RefCounting {
  incRef(dataId: object): void;
}

function share(x: TensorInfo, backend: unknown): TensorInfo {
  (backend as RefCounting).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export function identityConfig(stock: KernelFunc): KernelConfig {
  return {
    kernelName: tf.Identity,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = (args.inputs as { x: TensorInfo }).x;
      return x.dtype === 'string' ? stock(args) : share(x, args.backend);
    },
  };
}

export function castConfig(stock: KernelFunc): KernelConfig {
  return {
    kernelName: tf.Cast,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = (args.inputs as { x: TensorInfo }).x;
      return x.dtype !== 'string' && (args.attrs as { dtype: string }).dtype === x.dtype ? share(x, args.backend) : stock(args);
    },
  };
}
