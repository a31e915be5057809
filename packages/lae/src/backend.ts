import './setup.ts';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { backendNames, readEnv } from './env.ts';
import { registerComparisonGradients, registerWasmTrainingKernels } from './kernels/register.ts';
import { resolveLogger, type Logger } from './logger.ts';

export type BackendName = (typeof backendNames)[number];

export interface BackendInfo {
  /** The LAE name of the backend (stored with each model). */
  name: BackendName;
  /** The tfjs backend name actually active (`tensorflow` for both native packages). */
  tfBackend: string;
  /** WASM SIMD, when the backend is wasm. */
  simd: boolean | null;
}

const nativePackages: Partial<Record<BackendName, string>> = {
  'tfjs-node-gpu': '@tensorflow/tfjs-node-gpu',
  'tfjs-node': '@tensorflow/tfjs-node',
};

let current: BackendInfo | null = null;

/** Absolute path (with trailing slash) of the .wasm files shipped in the npm package: nothing is fetched. */
export function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
}

async function tryNative(name: BackendName, log: Logger): Promise<boolean> {
  const pkg = nativePackages[name];
  if (!pkg) return false;
  try {
    // A variable specifier keeps bundlers and tsc from requiring the optional package.
    await import(/* @vite-ignore */ pkg);
    return await tf.setBackend('tensorflow');
  } catch (err) {
    log.info(`backend ${name} unavailable (${(err as Error).message.split('\n')[0]})`);
    return false;
  }
}

async function tryWasm(log: Logger): Promise<boolean> {
  try {
    setWasmPaths(wasmDir());
    registerWasmTrainingKernels();
    return await tf.setBackend('wasm');
  } catch (err) {
    log.warn(`backend wasm unavailable (${(err as Error).message})`);
    return false;
  }
}

async function tryBackend(name: BackendName, log: Logger): Promise<boolean> {
  if (name === 'wasm') return tryWasm(log);
  if (name === 'cpu') return tf.setBackend('cpu');
  return tryNative(name, log);
}

/**
 * Chooses the backend once per process (tfjs state is global): the requested one, or, for `auto`,
 * tfjs-node-gpu → tfjs-node → wasm → cpu. `LAE_BACKEND` overrides when no explicit choice is given.
 */
export async function initBackend(opts: { backend?: BackendName | 'auto'; logger?: Logger } = {}): Promise<BackendInfo> {
  const log = resolveLogger(opts.logger);
  const wanted = opts.backend ?? readEnv().LAE_BACKEND;
  if (current && (wanted === 'auto' || wanted === current.name) && tf.getBackend() === current.tfBackend) return current;
  registerComparisonGradients();
  const order: BackendName[] = wanted === 'auto' ? [...backendNames] : [wanted];
  for (const name of order) {
    if (await tryBackend(name, log)) {
      await tf.ready();
      const simd = name === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : null;
      current = { name, tfBackend: tf.getBackend(), simd };
      log.info(`backend: ${name}${simd != null ? ` (simd ${simd ? 'on' : 'off'})` : ''}`);
      return current;
    }
  }
  throw new Error(`LAE backend '${wanted}' could not be initialised`);
}

export function activeBackend(): BackendInfo | null {
  return current;
}
