import { z } from 'zod';

export const dbEnvSchema = z.object({
  /** PostgreSQL connection string. Unset means "use the embedded server" (npm start fills it in). */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL').optional(),
  /** Connection pool size per process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** How long an interactive transaction may wait to start, in ms (Prisma's default). */
  DATABASE_TRANSACTION_MAX_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  /** How long an interactive transaction may run, in ms (Prisma's default). */
  DATABASE_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

export function dbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid database configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function requireDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  const url = dbEnv(source).DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set. Run `npm start` (embedded database) or set DATABASE_URL.');
  return url;
}
