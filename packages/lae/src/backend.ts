import './setup.ts';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { backendNames, readEnv } from './env.ts';
import { chooseKernelEngine, type KernelEngine } from './kernels/native.ts';
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
  /** Who runs the heavy training kernels when the backend is wasm (native when @lae-studio/lae-native was built). */
  kernels: KernelEngine | null;
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

/** Raised when a backend that was asked for by name cannot run: says what is missing and how to fix it. */
export class BackendUnavailableError extends Error {
  readonly backend: BackendName;
  constructor(backend: BackendName, message: string) {
    super(message);
    this.name = 'BackendUnavailableError';
    this.backend = backend;
  }
}

/**
 * How the optional native packages are found and loaded. Not part of the public API: a seam for tests
 * (the packages cannot be installed on machines without access to Google's storage).
 * @internal
 */
export const nativeLoader = {
  /** Throws when the package is not installed. */
  resolve(pkg: string): string {
    return createRequire(import.meta.url).resolve(pkg);
  },
  load(pkg: string): Promise<unknown> {
    // A variable specifier keeps bundlers and tsc from requiring the optional package.
    return import(/* @vite-ignore */ pkg);
  },
};

/** NVIDIA device nodes this process can see (Linux; `dxg` is WSL2's GPU device): a hint for error messages. */
function gpuDeviceNodes(): string[] {
  try {
    return readdirSync('/dev').filter((n) => /^nvidia\d+$/.test(n) || n === 'dxg').map((n) => `/dev/${n}`);
  } catch {
    return [];
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

/** `reason`: a few words for the `auto` chain's log; `problem`: the full message with the fix. */
type NativeOutcome = { ok: true } | { ok: false; reason: string; problem: string };

async function loadNative(name: BackendName, pkg: string, requested: string, log: Logger, explicit: boolean): Promise<NativeOutcome> {
  const pin = `${pkg}@${tf.version_core}`;
  const otherwise = 'or set LAE_BACKEND=auto to use the best backend available (wasm when no native package is installed)';
  try {
    nativeLoader.resolve(pkg);
  } catch {
    const how =
      name === 'tfjs-node-gpu'
        ? `run the GPU worker image (\`docker compose --profile gpu up -d --build worker-gpu\`: Dockerfile target \`gpu\`, CUDA 11.2 + cuDNN 8.1), ` +
          `or install it next to the other @tensorflow packages with \`npm i --no-save -E ${pin}\` on a host with an NVIDIA driver, CUDA 11.2 and cuDNN 8.1 (its install downloads libtensorflow from Google's storage)`
        : `install it next to the other @tensorflow packages with \`npm i --no-save -E ${pin}\` (its install downloads libtensorflow from Google's storage)`;
    return { ok: false, reason: `${pkg} is not installed`, problem: `${requested}, but ${pkg} is not installed. Fix: ${how}; ${otherwise}.` };
  }
  try {
    await nativeLoader.load(pkg);
    if (!(await tf.setBackend('tensorflow'))) throw new Error("tfjs backend 'tensorflow' did not initialise");
  } catch (err) {
    return {
      ok: false,
      reason: `${pkg} failed to load (${firstLine(err)})`,
      problem:
        `${requested}, but ${pkg} is installed and failed to load (${firstLine(err)}). ` +
        `Fix: reinstall it (\`npm rebuild ${pkg}\` downloads libtensorflow into the package again)` +
        (name === 'tfjs-node-gpu' ? ' and make sure CUDA 11.2 and cuDNN 8.1 are on the library path' : '') +
        `; ${otherwise}.`,
    };
  }
  if (name === 'tfjs-node-gpu' && (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice !== true) {
    // libtensorflow loads its CUDA libraries lazily and quietly runs on the CPU when they or the GPU are missing.
    if (!explicit) {
      log.warn(`${pkg} loaded but TensorFlow found no GPU: libtensorflow runs on the CPU`);
      return { ok: true };
    }
    tf.removeBackend('tensorflow');
    const nodes = gpuDeviceNodes();
    const seen = nodes.length ? `this process sees ${nodes.join(', ')}` : 'this process sees no NVIDIA device (/dev/nvidia0 …)';
    return {
      ok: false,
      reason: 'no GPU',
      problem:
        `${requested}, but TensorFlow found no usable GPU (${seen}), so training would silently run on the CPU. ` +
        'Fix: the host needs an NVIDIA driver (`nvidia-smi` lists the GPU) and, in a container, the NVIDIA Container Toolkit ' +
        'with a GPU given to the container (`docker run --gpus all`, or the device reservation of the compose service `worker-gpu`); ' +
        'the CUDA 11.2 and cuDNN 8.1 libraries (libcudart.so.11.0, libcudnn.so.8) must be on the library path (the Dockerfile target `gpu` has them); ' +
        `${otherwise}.`,
    };
  }
  return { ok: true };
}

/** In the `auto` chain a native backend that is missing is skipped; asked for by name, it is an error. */
async function tryNative(name: BackendName, log: Logger, explicit: string | null): Promise<boolean> {
  const pkg = nativePackages[name];
  if (!pkg) return false;
  const outcome = await loadNative(name, pkg, explicit ?? `backend ${name}`, log, explicit != null);
  if (outcome.ok) return true;
  if (explicit) throw new BackendUnavailableError(name, outcome.problem);
  log.info(`backend ${name} unavailable (${outcome.reason})`);
  return false;
}

async function tryWasm(log: Logger): Promise<boolean> {
  const unavailable = (err: unknown) => {
    log.warn(`backend wasm unavailable (${(err as Error).message})`);
    return false;
  };
  try {
    setWasmPaths(wasmDir());
    registerWasmTrainingKernels();
  } catch (err) {
    return unavailable(err);
  }
  // Before setBackend, whose start runs each kernel's setup (wasm binds its C functions there); outside the try, so
  // that LAE_KERNELS=native without the addon stops with its reason instead of falling back to cpu.
  const kernels = chooseKernelEngine(readEnv().LAE_KERNELS);
  if (kernels.engine === 'wasm') log.info(`training kernels: wasm (${kernels.reason})`);
  try {
    return await tf.setBackend('wasm');
  } catch (err) {
    return unavailable(err);
  }
}

async function tryBackend(name: BackendName, log: Logger, explicit: string | null): Promise<boolean> {
  if (name === 'wasm') return tryWasm(log);
  if (name === 'cpu') return tf.setBackend('cpu');
  return tryNative(name, log, explicit);
}

/**
 * Chooses the backend once per process (tfjs state is global): the requested one, or, for `auto`,
 * tfjs-node-gpu → tfjs-node → wasm → cpu. `LAE_BACKEND` overrides when no explicit choice is given.
 * A backend asked for by name never falls back: when its package (or, for tfjs-node-gpu, the GPU) is
 * missing this rejects with a BackendUnavailableError saying what is missing and how to fix it.
 */
export async function initBackend(opts: { backend?: BackendName | 'auto'; logger?: Logger } = {}): Promise<BackendInfo> {
  const log = resolveLogger(opts.logger);
  const wanted = opts.backend ?? readEnv().LAE_BACKEND;
  const explicit = wanted === 'auto' ? null : opts.backend ? `backend '${wanted}' was requested` : `LAE_BACKEND=${wanted}`;
  if (current && (wanted === 'auto' || wanted === current.name) && tf.getBackend() === current.tfBackend) return current;
  registerComparisonGradients();
  const order: BackendName[] = wanted === 'auto' ? [...backendNames] : [wanted];
  for (const name of order) {
    if (await tryBackend(name, log, explicit)) {
      await tf.ready();
      const simd = name === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : null;
      const kernels = name === 'wasm' ? chooseKernelEngine(readEnv().LAE_KERNELS) : null;
      current = { name, tfBackend: tf.getBackend(), simd, kernels: kernels?.engine ?? null };
      const details = [simd != null ? `simd ${simd ? 'on' : 'off'}` : null, kernels ? `kernels ${kernels.engine === 'native' ? `native, ${kernels.reason}` : 'wasm'}` : null].filter(Boolean);
      log.info(`backend: ${name}${details.length ? ` (${details.join(', ')})` : ''}`);
      return current;
    }
  }
  throw new Error(`LAE backend '${wanted}' could not be initialised`);
}

export function activeBackend(): BackendInfo | null {
  return current;
}
