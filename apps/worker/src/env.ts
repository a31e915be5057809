import { DEFAULT_IMAGE_CACHE_MIB } from '@lae-studio/loop';
import { z } from 'zod';

export const workerEnvSchema = z.object({
  /** Which queues this process serves (comma-separated); e.g. a GPU host takes only "train". */
  LAE_WORKER_QUEUES: z.string().default('rounds,score,train,data,maintenance'),
  /** Jobs run at once per queue in this process. */
  LAE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Threads the LAE model uses for training and scoring (one WASM instance uses one core). */
  LAE_WORKER_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  /** Decoded images kept between phases and rounds, in MiB (0: off). */
  LAE_IMAGE_CACHE_MB: z.coerce.number().int().min(0).max(1_048_576).default(DEFAULT_IMAGE_CACHE_MIB),
  /** How often Postgres and Redis are reconciled (lost jobs re-enqueued, schedules synced), in seconds: the period of the one reconcile scheduler all workers share. */
  LAE_RECONCILE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** Job lock: a job whose worker stops renewing it (killed, frozen) for this long is taken up by another. */
  LAE_JOB_LOCK_SECONDS: z.coerce.number().min(1).max(3600).default(120),
  /** How long a mask export stays downloadable; older ones are expired by the reconciler and their files deleted. */
  LAE_EXPORT_TTL_DAYS: z.coerce.number().positive().max(3650).default(7),
  /** Server-side imports read only below this folder. */
  LAE_IMPORT_ROOT: z.string().min(1).default('.data/imports'),
  LOG_PRETTY: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function workerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = workerEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid worker configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
