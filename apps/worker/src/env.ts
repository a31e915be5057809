import { z } from 'zod';

const schema = z.object({
  /** Which queues this process serves (comma-separated); e.g. a GPU host takes only "train". */
  LAE_WORKER_QUEUES: z.string().default('rounds,score,train,maintenance'),
  /** Jobs run at once per queue in this process. */
  LAE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  LOG_PRETTY: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

export function workerEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid worker configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
