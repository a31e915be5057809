// The real worker process for the admin browser walk, as apps/worker/test/harness.ts starts it, sharing the
// web server's database, Redis prefix and image storage.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { inject } from 'vitest';
import { Redis } from 'ioredis';
import { ALL_QUEUES } from '@lae-studio/queue';
import { ACTIVE_ROUND_STATUSES, type Db } from '@lae-studio/db';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/**
 * Other test files leave rounds mid-flight and jobs in the queues (e.g. a train job for a 2-image
 * fixture project). A worker would pick them up before ours: withdraw them first. Files run one after
 * another against the one server, so nothing else is running now.
 */
export async function quietenLeftovers(db: Db, prefix: string): Promise<void> {
  await db.round.updateMany({ where: { status: { in: [...ACTIVE_ROUND_STATUSES] } }, data: { status: 'cancelled', error: 'withdrawn by the admin browser test' } });
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
  try {
    for (const name of ALL_QUEUES) {
      const q = new Queue(name, { connection: redis, prefix });
      await q.obliterate({ force: true });
      await q.close();
    }
  } finally {
    await redis.quit();
  }
}

/** The real worker, on the test server's database, Redis prefix and storage folder; `env` adds or overrides settings. */
export function spawnWorker(env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const shared = { DATABASE_URL: inject('databaseUrl'), LAE_REDIS_PREFIX: inject('redisPrefix'), STORAGE_DIR: inject('storageDir') };
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/worker/src/main.ts')], {
    cwd: repoRoot,
    env: { ...process.env, REDIS_URL: redisUrl(), LAE_WORKER_THREADS: '1', LAE_RECONCILE_SECONDS: '2', LOG_LEVEL: 'info', STORAGE_DRIVER: 'local', ...shared, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return Object.assign(child, { output: () => out });
}

export async function stopWorker(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  const exited = new Promise((r) => child.once('exit', r));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
