// The LAE Studio worker: serves BullMQ queues. Job handlers arrive with the active-learning loop; this
// process already connects, reports which queues it serves, and shuts down cleanly.
import { ALL_QUEUES, createRedis, type QueueName } from '@lae-studio/queue';
import { workerEnv } from './env.ts';
import { logger } from './logger.ts';

const env = workerEnv();
const queues = env.LAE_WORKER_QUEUES.split(',').map((q) => q.trim()).filter(Boolean);
const unknown = queues.filter((q) => !(ALL_QUEUES as string[]).includes(q));
if (unknown.length) {
  logger.fatal({ unknown, known: ALL_QUEUES }, 'LAE_WORKER_QUEUES names unknown queues');
  process.exit(2);
}

const redis = createRedis('worker');
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error (retrying)'));

async function main() {
  const pong = await redis.ping();
  const info = await redis.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1];
  logger.info({ redis: version, pong, queues: queues as QueueName[], concurrency: env.LAE_WORKER_CONCURRENCY }, 'worker ready');
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker shutting down');
  await redis.quit().catch(() => redis.disconnect());
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

main().catch((err: unknown) => {
  logger.fatal({ err }, 'worker failed to start');
  process.exit(1);
});
