import path from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { startRedisServer } from './redis-server.ts';
import { servicesEnv } from './env.ts';

export { freePort, isPortOpen, waitUntil } from './wait-for-port.ts';
export { servicesEnv, type ServicesEnv } from './env.ts';
export { ensureRedisServerBinary } from './redis-server.ts';
export { ensureOsCommand } from './os-command.ts';
export { ensureFfmpeg } from './ffmpeg.ts';

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  /** Which of the two were started here (embedded) rather than taken from the environment. */
  embedded: { postgres: boolean; redis: boolean };
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Use DATABASE_URL / REDIS_URL when set; otherwise start an embedded PostgreSQL and a local redis-server
 * with their data under the data directory (default `.data/`), reused on the next start.
 */
export async function ensureServices(opts: { repoRoot: string; log: (service: string, line: string) => void; env?: NodeJS.ProcessEnv }): Promise<Services> {
  const env = servicesEnv(opts.repoRoot, opts.env);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dir: path.join(env.dataDir, 'postgres'), port: env.LAE_EMBEDDED_PG_PORT, log: (l) => opts.log('postgres', l) });
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    let redisUrl = env.REDIS_URL;
    if (!redisUrl) {
      const redis = await startRedisServer({ dir: path.join(env.dataDir, 'redis'), port: env.LAE_EMBEDDED_REDIS_PORT, log: (l) => opts.log('redis', l) });
      stops.push(redis.stop);
      redisUrl = redis.url;
    }
    return { databaseUrl, redisUrl, embedded: { postgres: !env.DATABASE_URL, redis: !env.REDIS_URL }, dataDir: env.dataDir, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
