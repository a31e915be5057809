import { Redis, type RedisOptions } from 'ioredis';
import { requireRedisUrl } from './env.ts';

/**
 * A Redis connection. Workers need `maxRetriesPerRequest: null` (BullMQ blocks on commands and must keep
 * retrying across Redis restarts); producers in request handlers fail fast instead (a command waits for the
 * first connection, then gives up after two reconnection attempts).
 */
export function createRedis(kind: 'worker' | 'producer', url = requireRedisUrl(), extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: kind === 'worker' ? null : 2,
    connectionName: `lae-studio:${kind}`,
    ...extra,
  });
}
