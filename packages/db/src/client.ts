import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';
import { dbEnv, requireDatabaseUrl } from './env.ts';

export type Db = PrismaClient;

// One client per process. Kept on globalThis so that Next.js dev reloads don't open a pool per reload.
const holder = globalThis as unknown as { __laeStudioDb?: PrismaClient };

/** The process-wide Prisma client on @prisma/adapter-pg (created on first use from DATABASE_URL). */
export function getDb(): PrismaClient {
  if (!holder.__laeStudioDb) holder.__laeStudioDb = createDb(requireDatabaseUrl());
  return holder.__laeStudioDb;
}

/** A separate client, for tests and tools that talk to a database other than the process default. */
export function createDb(url: string, poolSize = dbEnv().DATABASE_POOL_SIZE): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
}
