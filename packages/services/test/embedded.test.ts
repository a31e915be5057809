import { mkdir, mkdtemp, rm, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_MAJOR, serverMajor } from '@lae-studio/db/postgres-version';
import { ensureServices, isPortOpen } from '../src/index.ts';
import { freePort } from '../src/index.ts';


const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('embedded services (what `npm start` runs when nothing is configured)', () => {
  it('starts PostgreSQL and redis-server, keeps data across restarts, attaches to running ones, stops cleanly', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lae-services-'));
    await chmod(dataDir, 0o755); // under root, Postgres runs as the `postgres` user and must reach it
    dirs.push(dataDir);
    const env = { LAE_DATA_DIR: dataDir, LAE_EMBEDDED_PG_PORT: String(await freePort()), LAE_EMBEDDED_REDIS_PORT: String(await freePort()) };
    const log = () => {};

    const first = await ensureServices({ repoRoot: '/', env, log });
    expect(first.embedded).toEqual({ postgres: true, redis: true });
    expect(await serverMajor(first.databaseUrl)).toBe(POSTGRES_MAJOR); // the pin in package.json and the constant agree
    const c = new pg.Client({ connectionString: first.databaseUrl });
    await c.connect();
    await c.query('CREATE TABLE kept (v text)');
    await c.query("INSERT INTO kept VALUES ('across restarts')");
    await c.end();

    // A second process (e.g. a CLI command while `npm start` runs) attaches instead of failing.
    const attached = await ensureServices({ repoRoot: '/', env, log });
    expect(attached.databaseUrl).toBe(first.databaseUrl);
    await attached.stop();
    expect(await isPortOpen(Number(env.LAE_EMBEDDED_PG_PORT))).toBe(true);

    await first.stop();
    expect(await isPortOpen(Number(env.LAE_EMBEDDED_PG_PORT))).toBe(false);
    expect(await isPortOpen(Number(env.LAE_EMBEDDED_REDIS_PORT))).toBe(false);

    const second = await ensureServices({ repoRoot: '/', env, log });
    const c2 = new pg.Client({ connectionString: second.databaseUrl });
    await c2.connect();
    expect((await c2.query('SELECT v FROM kept')).rows).toEqual([{ v: 'across restarts' }]);
    await c2.end();
    await second.stop();
  }, 120_000);

  it('refuses a data directory made by another PostgreSQL major, naming both and the way out', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lae-services-'));
    dirs.push(dataDir);
    await mkdir(path.join(dataDir, 'postgres', 'data'), { recursive: true });
    await writeFile(path.join(dataDir, 'postgres', 'data', 'PG_VERSION'), '18\n');
    const env = { LAE_DATA_DIR: dataDir, LAE_EMBEDDED_PG_PORT: String(await freePort()), LAE_EMBEDDED_REDIS_PORT: String(await freePort()) };
    await expect(ensureServices({ repoRoot: '/', env, log: () => {} })).rejects.toThrow(
      new RegExp(`holds a PostgreSQL 18 cluster, but the embedded server is PostgreSQL ${POSTGRES_MAJOR}.*LAE_DATA_DIR`),
    );
  });

  it('uses DATABASE_URL and REDIS_URL when they are set, starting nothing', async () => {
    const s = await ensureServices({ repoRoot: '/', env: { DATABASE_URL: 'postgresql://x@127.0.0.1:1/db', REDIS_URL: 'redis://127.0.0.1:2' }, log: () => {} });
    expect(s).toMatchObject({ databaseUrl: 'postgresql://x@127.0.0.1:1/db', redisUrl: 'redis://127.0.0.1:2', embedded: { postgres: false, redis: false } });
  });

  it('rejects a malformed REDIS_URL with a clear message', async () => {
    await expect(ensureServices({ repoRoot: '/', env: { REDIS_URL: 'http://nope' }, log: () => {} })).rejects.toThrow(/REDIS_URL must be a redis:\/\//);
  });
});
