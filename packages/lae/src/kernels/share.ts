// wasm's Identity and same-dtype Cast copy the whole buffer. The gradient tape clones every input it saves
// (an Identity per saved tensor: ~300 per training step here), so share the data instead, as wasm's own
// Reshape and the cpu backend's Identity already do (the backend reference-counts data ids).
// This reaches into the wasm backend's internals (its `incRef(dataId)` reference count and the stock kernels'
// signatures), which tfjs does not promise to keep: it runs only on the versions checked here.
import * as tf from '@tensorflow/tfjs-core';
import { type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';

/** tfjs-backend-wasm versions whose internals this file was checked against (kernels.test.ts proves the swap works). */
export const CHECKED_WASM_VERSIONS: readonly string[] = ['4.22.0'];

/** Throws a clear error unless the installed tfjs (wasm backend and core, one version) is one share.ts was checked on. */
export function assertShareableTfjs(versions: { wasm: string; core: string } = { wasm: version_wasm, core: tf.version_core }): void {
  if (!CHECKED_WASM_VERSIONS.includes(versions.wasm) || versions.core !== versions.wasm) {
    throw new Error(
      `@lae-studio/lae shares wasm tensor data through tfjs-backend-wasm internals checked on ${CHECKED_WASM_VERSIONS.join(', ')}; ` +
        `installed: tfjs-backend-wasm ${versions.wasm}, tfjs-core ${versions.core}. Pin every @tensorflow/* package to a checked version, ` +
        `or run packages/lae/src/kernels/kernels.test.ts on the new one and add it to CHECKED_WASM_VERSIONS.`,
    );
  }
}

interface RefCounting {
  incRef(dataId: object): void;
}

function share(x: TensorInfo, backend: unknown): TensorInfo {
  const b = backend as Partial<RefCounting>;
  if (typeof b.incRef !== 'function') throw new Error('the wasm backend has no incRef(dataId) any more: share.ts cannot share tensor data (see CHECKED_WASM_VERSIONS)');
  b.incRef(x.dataId);
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
