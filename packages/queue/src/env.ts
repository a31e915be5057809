import { z } from 'zod';

export const queueEnvSchema = z.object({
  /** Redis for BullMQ, rate limits and live progress. Unset means "use the embedded redis-server" (npm start). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL').optional(),
  /** Prefix of every Redis key we write (queues, rate limits), so several deployments can share one Redis. */
  LAE_REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/).default('lae'),
});

export function queueEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = queueEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid queue configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function requireRedisUrl(source: NodeJS.ProcessEnv = process.env): string {
  const url = queueEnv(source).REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set. Run `npm start` (embedded Redis) or set REDIS_URL.');
  return url;
}
