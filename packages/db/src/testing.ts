// Scratch databases: a fresh, migrated PostgreSQL database per test file or simulation run, on the server TEST_DATABASE_URL
// (or DATABASE_URL) names. Real Postgres, never a fake. `npm test` provides the server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from './client.ts';
import { deployMigrations } from './migrate/index.ts';

/** How long a test client's interactive transaction may wait to start and run (Prisma's defaults: 2 s, 5 s). */
export const TEST_TRANSACTION = { maxWait: 20_000, timeout: 60_000 };

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export function testServerUrl(): string {
  // eslint-disable-next-line no-restricted-properties -- test scaffolding, not configuration
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('Tests need PostgreSQL: run them with `npm test`, or set TEST_DATABASE_URL to a server whose role may CREATE DATABASE.');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Create an empty database (optionally with every migration applied). Drop it in afterAll. */
export function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  return createScratchDatabase(testServerUrl(), { migrate: opts.migrate, prefix: 'lae_test' });
}

/** A throw-away database on `server` (tests, simulations); the role needs CREATEDB. */
export async function createScratchDatabase(server: string, opts: { migrate?: boolean; prefix?: string } = {}): Promise<TestDatabase> {
  const name = `${opts.prefix ?? 'lae_scratch'}_${randomBytes(6).toString('hex')}`;
  await admin(server, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(server, name);
  if (opts.migrate !== false) await deployMigrations({ url });
  // Tests assert outcomes, not latency: on a shared, busy machine opening a connection can take longer
  // than Prisma's 2 s wait for an interactive transaction to start (or its 5 s to finish).
  const db = createDb(url, 4, { transaction: TEST_TRANSACTION });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await admin(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
