// Backend selection: a native backend asked for by name fails fast with a clear message and never falls
// back; `auto` keeps its chain. tfjs-node(-gpu) cannot be installed on the test machines (their install
// downloads libtensorflow), so the "installed" cases go through the loader seam with a stand-in backend.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeBackend, BackendUnavailableError, initBackend, nativeLoader } from './backend.ts';

const installed = (pkg: string): boolean => {
  try {
    createRequire(import.meta.url).resolve(pkg);
    return true;
  } catch {
    return false;
  }
};
const gpuInstalled = installed('@tensorflow/tfjs-node-gpu');
const nodeInstalled = installed('@tensorflow/tfjs-node');
const quiet = { info: () => undefined, warn: () => undefined };

/** Pretends the package is installed; loading it registers a stand-in `tensorflow` backend. */
function fakeNativePackage(opts: { usingGpu: boolean } | { loadError: string }): void {
  vi.spyOn(nativeLoader, 'resolve').mockImplementation((pkg) => `/fake/node_modules/${pkg}/dist/index.js`);
  vi.spyOn(nativeLoader, 'load').mockImplementation(async () => {
    if ('loadError' in opts) throw new Error(opts.loadError);
    tf.registerBackend('tensorflow', () => Object.assign(new MathBackendCPU(), { isUsingGpuDevice: opts.usingGpu }));
    return {};
  });
}

async function rejection(p: Promise<unknown>): Promise<BackendUnavailableError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BackendUnavailableError);
  return err as BackendUnavailableError;
}

/** Nothing was chosen: no silent fall back to wasm or cpu. */
function expectNoBackend(): void {
  expect(activeBackend()).toBeNull();
  expect(tf.engine().backendName).toBeFalsy();
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('explicitly requested native backends', () => {
  it.skipIf(gpuInstalled)('tfjs-node-gpu without its package: a clear error, and no fall back', async () => {
    const err = await rejection(initBackend({ backend: 'tfjs-node-gpu', logger: quiet }));
    expect(err.backend).toBe('tfjs-node-gpu');
    expect(err.message).toContain("backend 'tfjs-node-gpu' was requested, but @tensorflow/tfjs-node-gpu is not installed");
    // How to fix it: the GPU image, or the pinned install (same version as tfjs-core), or auto.
    expect(err.message).toContain('docker compose --profile gpu up -d --build worker-gpu');
    expect(err.message).toContain(`npm i --no-save -E @tensorflow/tfjs-node-gpu@${tf.version_core}`);
    expect(err.message).toContain('LAE_BACKEND=auto');
    expectNoBackend();
  });

  it.skipIf(gpuInstalled)('LAE_BACKEND=tfjs-node-gpu names the variable in the error', async () => {
    vi.stubEnv('LAE_BACKEND', 'tfjs-node-gpu');
    const err = await rejection(initBackend({ logger: quiet }));
    expect(err.message).toMatch(/^LAE_BACKEND=tfjs-node-gpu, but @tensorflow\/tfjs-node-gpu is not installed/);
    expectNoBackend();
  });

  it.skipIf(nodeInstalled)('tfjs-node without its package: a clear error, and no fall back', async () => {
    vi.stubEnv('LAE_BACKEND', 'tfjs-node');
    const err = await rejection(initBackend({ logger: quiet }));
    expect(err.backend).toBe('tfjs-node');
    expect(err.message).toContain('LAE_BACKEND=tfjs-node, but @tensorflow/tfjs-node is not installed');
    expect(err.message).toContain(`npm i --no-save -E @tensorflow/tfjs-node@${tf.version_core}`);
    expectNoBackend();
  });

  it('tfjs-node-gpu installed but its native library does not load: says so', async () => {
    fakeNativePackage({ loadError: 'libtensorflow.so.2: cannot open shared object file: No such file or directory\n    at Module._extensions' });
    const err = await rejection(initBackend({ backend: 'tfjs-node-gpu', logger: quiet }));
    expect(err.message).toContain('@tensorflow/tfjs-node-gpu is installed and failed to load (libtensorflow.so.2: cannot open shared object file: No such file or directory)');
    expect(err.message).toContain('npm rebuild @tensorflow/tfjs-node-gpu');
    expectNoBackend();
  });

  it('tfjs-node-gpu loaded but TensorFlow sees no GPU: fails instead of training on the CPU', async () => {
    fakeNativePackage({ usingGpu: false });
    const err = await rejection(initBackend({ backend: 'tfjs-node-gpu', logger: quiet }));
    expect(err.message).toContain('TensorFlow found no usable GPU');
    expect(err.message).toContain('NVIDIA Container Toolkit');
    expect(err.message).toContain('CUDA 11.2 and cuDNN 8.1');
    expectNoBackend();
    // The CPU-only libtensorflow backend is not left registered behind the error.
    expect(tf.engine().registryFactory['tensorflow']).toBeUndefined();
  });
});

describe('auto', () => {
  it.skipIf(gpuInstalled || nodeInstalled)('keeps its fall-back chain: missing native packages are skipped', async () => {
    const info = vi.fn();
    const backend = await initBackend({ backend: 'auto', logger: { info, warn: () => undefined } });
    expect(['wasm', 'cpu']).toContain(backend.name);
    expect(info).toHaveBeenCalledWith('backend tfjs-node-gpu unavailable (@tensorflow/tfjs-node-gpu is not installed)');
    expect(info).toHaveBeenCalledWith('backend tfjs-node unavailable (@tensorflow/tfjs-node is not installed)');
  });
});

// Last: it leaves the stand-in backend active.
describe('a GPU present', () => {
  it('an explicit tfjs-node-gpu request is taken', async () => {
    fakeNativePackage({ usingGpu: true });
    const backend = await initBackend({ backend: 'tfjs-node-gpu', logger: quiet });
    expect(backend).toMatchObject({ name: 'tfjs-node-gpu', tfBackend: 'tensorflow', simd: null, kernels: null });
    expect(activeBackend()?.name).toBe('tfjs-node-gpu');
  });
});
