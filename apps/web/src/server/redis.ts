import 'server-only';
import { createRedis } from '@lae-studio/queue';
import type { Redis } from 'ioredis';

const holder = globalThis as unknown as { __laeWebRedis?: Redis };

/** One fail-fast Redis connection per web process. */
export function getRedis(): Redis {
  holder.__laeWebRedis ??= createRedis('producer');
  return holder.__laeWebRedis;
}
