// The LAE Studio worker: runs the active-learning loop's jobs from BullMQ, reconciles Postgres and Redis,
// and keeps per-project retrain schedules. Any number of these can run against one Postgres and one Redis:
// reconciliation is one job scheduler on the maintenance queue that every worker upserts at start, so it
// runs once per period whatever the number of workers (queue/schedulers.ts).
import { createStorage, storageConfigFromEnv, uploadsDir } from '@lae-studio/datasets';
import { getDb } from '@lae-studio/db';
import { initBackend } from '@lae-studio/lae';
import { DecodedImageCache } from '@lae-studio/loop';
import { ALL_QUEUES, createRedis, JobProducer, upsertReconcileScheduler, type QueueName } from '@lae-studio/queue';
import path from 'node:path';
import { REPO_ROOT as repoRoot } from '@lae-studio/datasets';
import { workerEnv } from './env.ts';
import { logger } from './logger.ts';
import { startWorkers } from './worker-pool.ts';

const env = workerEnv();
const queues = env.LAE_WORKER_QUEUES.split(',').map((q) => q.trim()).filter(Boolean);
const unknown = queues.filter((q) => !(ALL_QUEUES as string[]).includes(q));
if (unknown.length) {
  logger.fatal({ unknown, known: ALL_QUEUES }, 'LAE_WORKER_QUEUES names unknown queues');
  process.exit(2);
}

// The LAE backend is chosen before any job is taken: a backend asked for by name (LAE_BACKEND=tfjs-node-gpu
// on a GPU host) that cannot run stops the worker here with what is missing, never a slow wasm fall back.
const backend = await initBackend({ logger: { info: (msg) => logger.debug(msg), warn: (msg) => logger.warn(msg) } }).catch((err: unknown) => {
  logger.fatal({ err: (err as Error).message }, 'LAE backend unavailable');
  process.exit(2);
});

const connection = createRedis('worker');
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error (retrying)'));
const producer = new JobProducer(createRedis('worker'));
const ctx = { db: getDb(), storage: createStorage(storageConfigFromEnv()), log: logger, threads: env.LAE_WORKER_THREADS, images: DecodedImageCache.fromMiB(env.LAE_IMAGE_CACHE_MB) };

const pool = startWorkers({ queues: queues as QueueName[], concurrency: env.LAE_WORKER_CONCURRENCY, lockMs: env.LAE_JOB_LOCK_SECONDS * 1000, importRoot: path.resolve(repoRoot, env.LAE_IMPORT_ROOT), uploads: uploadsDir(storageConfigFromEnv()), exportTtlMs: env.LAE_EXPORT_TTL_DAYS * 86_400_000, connection, producer, ctx, log: logger });

async function main() {
  const info = await connection.info('server');
  // Idempotent: re-creates the scheduler a flushed Redis lost; with `every`, BullMQ runs its first job at once.
  await upsertReconcileScheduler(producer, env.LAE_RECONCILE_SECONDS * 1000);
  logger.info({ redis: /redis_version:(\S+)/.exec(info)?.[1], queues, concurrency: env.LAE_WORKER_CONCURRENCY, threads: env.LAE_WORKER_THREADS, backend: backend.name }, 'worker ready');
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker shutting down: releasing running jobs');
  await pool.close();
  await producer.close();
  await connection.quit().catch(() => connection.disconnect());
  await ctx.db.$disconnect();
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch((err: unknown) => {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
});
