// The worker checks its LAE backend before it takes any job: a native backend asked for by name that cannot
// run stops it at once with what is missing (here: the package, which the test machines cannot install),
// instead of a worker that trains on wasm, or fails only when the first training job arrives.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { spawnWorker } from './harness.ts';

const gpuInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node-gpu');
    return true;
  } catch {
    return false;
  }
})();

describe('worker start-up', () => {
  it.skipIf(gpuInstalled)('LAE_BACKEND=tfjs-node-gpu without the package: exits at start with a clear message', async () => {
    // No database or Redis is needed: the check comes before any connection.
    const worker = spawnWorker({ LAE_BACKEND: 'tfjs-node-gpu', LAE_WORKER_QUEUES: 'train', REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' });
    const [code] = (await once(worker, 'exit')) as [number | null];
    const out = worker.output();
    expect(code, out).toBe(2);
    expect(out).toContain('LAE backend unavailable');
    expect(out).toContain('LAE_BACKEND=tfjs-node-gpu, but @tensorflow/tfjs-node-gpu is not installed');
    expect(out).toContain('docker compose --profile gpu up -d --build worker-gpu');
    expect(out).not.toContain('worker ready');
    expect(out).not.toContain('redis connection error');
  });
});
