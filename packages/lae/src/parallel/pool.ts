// A small pool of LAE worker threads. Sources are TypeScript: a worker boots with a one-line script that
// imports worker.ts through tsx's API (`--import tsx` in a worker's execArgv does not install the loader
// hooks on Node 20). Paths are absolute, so this works from any cwd, under plain tsx and under vitest.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BackendName } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { type PackedData } from '../dataset.ts';
import { type FromWorker, type ToWorker } from './protocol.ts';

const workerUrl = new URL('./worker.ts', import.meta.url);

function spawn(): Worker {
  if (!workerUrl.pathname.endsWith('.ts')) return new Worker(workerUrl);
  const api = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(workerUrl.href)}, ${JSON.stringify(workerUrl.href)}))`;
  return new Worker(boot, { eval: true });
}

type Reply = Extract<FromWorker, { id: number }>;

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (m: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closed = false;

  private constructor() {}

  /** Starts `n` workers, each with its own backend instance and a copy of the model's config. */
  static async start(n: number, config: LaeConfig, backend: BackendName, data: PackedData | null): Promise<WorkerPool> {
    const pool = new WorkerPool();
    const ready: Array<Promise<void>> = [];
    for (let i = 0; i < n; i++) {
      const w = spawn();
      w.unref();
      pool.workers.push(w);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const onInit = (m: FromWorker): void => {
            if (m.type === 'ready') {
              w.off('message', onInit);
              w.on('message', (msg: FromWorker) => pool.onMessage(msg));
              resolve();
            } else if (m.type === 'error') {
              reject(new Error(`LAE worker failed to start: ${m.message}`));
            }
          };
          w.on('message', onInit);
          w.once('error', reject);
          w.on('exit', (code) => {
            if (!pool.closed) pool.failAll(new Error(`LAE worker exited with code ${code}`));
          });
        }),
      );
      w.postMessage({ type: 'init', config, backend, data } satisfies ToWorker);
    }
    try {
      await Promise.all(ready);
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get size(): number {
    return this.workers.length;
  }

  private onMessage(m: FromWorker): void {
    if (m.type === 'ready') return;
    if (m.type === 'error') {
      const p = m.id != null ? this.pending.get(m.id) : undefined;
      if (p && m.id != null) {
        this.pending.delete(m.id);
        p.reject(new Error(`LAE worker: ${m.message}`));
      } else {
        this.failAll(new Error(`LAE worker: ${m.message}`));
      }
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    p.resolve(m);
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Sends a request to worker `i` and resolves with its reply. */
  request<T extends Reply>(i: number, msg: ToWorker & { id: number }, transfer: ArrayBuffer[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(msg.id, { resolve: resolve as (m: Reply) => void, reject });
      this.workers[i]!.postMessage(msg, transfer);
    });
  }

  broadcast(msg: ToWorker): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  id(): number {
    return this.nextId++;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('LAE worker pool closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
