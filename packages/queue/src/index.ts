export { queueEnv, requireRedisUrl } from './env.ts';
export { createRedis } from './connection.ts';
export { QUEUES, ALL_QUEUES, type QueueName } from './queues.ts';
