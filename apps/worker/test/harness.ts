// Worker test harness: real Redis (a private db index and key prefix), real Postgres, tiny projects.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { JobProducer } from '@lae-studio/queue';

const here = path.dirname(fileURLToPath(import.meta.url));
export const workerMain = path.resolve(here, '../src/main.ts');

/** Redis db 3 is this suite's: FLUSHDB there cannot touch other suites' keys. */
export function redisUrl(): string {
  const u = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  u.pathname = '/3';
  return u.toString();
}

export const prefix = `wt${randomBytes(3).toString('hex')}`;
export const quietLog = pino({ level: 'silent' });

export function newRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: null });
}

export function producer(): JobProducer {
  return new JobProducer(newRedis(), prefix);
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 120_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The real worker process (`apps/worker/src/main.ts`), as `npm start` and docker compose run it. */
export function spawnWorker(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', workerMain], {
    env: { ...process.env, REDIS_URL: redisUrl(), LAE_REDIS_PREFIX: prefix, LAE_WORKER_THREADS: '1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return Object.assign(child, { output: () => out });
}
