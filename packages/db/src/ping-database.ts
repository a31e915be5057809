import type { Db } from './client.ts';

/** A round trip to Postgres (the health check); rejects when the database does not answer. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
