import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1024).max(65535);

export const servicesEnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// or rediss:// URL').optional(),
  /** Where embedded services keep their data (and image storage defaults to). */
  LAE_DATA_DIR: z.string().min(1).optional(),
  /** Private ports of the embedded services (chosen away from the standard 5432/6379). */
  LAE_EMBEDDED_PG_PORT: port.default(54329),
  LAE_EMBEDDED_REDIS_PORT: port.default(56379),
});

export type ServicesEnv = z.infer<typeof servicesEnvSchema> & { dataDir: string };

export function servicesEnv(repoRoot: string, source: NodeJS.ProcessEnv = process.env): ServicesEnv {
  const parsed = servicesEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid service configuration: ${z.prettifyError(parsed.error)}`);
  return { ...parsed.data, dataDir: path.resolve(repoRoot, parsed.data.LAE_DATA_DIR ?? '.data') };
}

/** Environment for a non-interactive apt-get run. */
export function aptEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...source, DEBIAN_FRONTEND: 'noninteractive' };
}
