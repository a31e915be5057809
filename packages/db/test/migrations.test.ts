import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { checkMigrations, deployMigrations, migrationStatus, POSTGRES_MAJOR, serverMajor } from '../src/migrate/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { migrationsDir } from '../src/migrate/paths.ts';

const dbs: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('migrations (WASM schema engine on real PostgreSQL)', () => {
  it(`run on PostgreSQL ${POSTGRES_MAJOR}, the one major the project supports`, async () => {
    const t = await createTestDatabase({ migrate: false });
    dbs.push(t);
    expect(await serverMajor(t.url)).toBe(POSTGRES_MAJOR);
  });

  it('apply to an empty database, record history as the Prisma CLI does, and are idempotent', async () => {
    const t = await createTestDatabase({ migrate: false });
    dbs.push(t);
    const applied = await deployMigrations({ url: t.url });
    const onDisk = (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(applied).toEqual(onDisk);

    // Same table, names and sha256 checksums that `prisma migrate deploy` reads on a machine with the binary.
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      t.url,
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    for (const [i, name] of onDisk.entries()) {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'));
      expect(rows[i]?.migration_name).toBe(name);
      expect(rows[i]?.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(rows[i]?.finished_at).not.toBeNull();
    }

    expect(await deployMigrations({ url: t.url })).toEqual([]);
    const status = await migrationStatus({ url: t.url });
    expect(status.history).toBeNull();
  });

  it('db:check passes: the committed migrations produce exactly schema.prisma', async () => {
    const t = await createTestDatabase({ migrate: false });
    dbs.push(t);
    expect(await checkMigrations({ url: t.url })).toBeNull();
  });

  it('db:check fails with the missing SQL when schema.prisma has an uncovered change', async () => {
    const t = await createTestDatabase({ migrate: false });
    dbs.push(t);
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(path.join(tmpdir(), 'lae-schema-'));
    const schema = (await readFile(path.join(migrationsDir, '..', 'schema.prisma'), 'utf8')).replace(
      'model Project {',
      'model Extra {\n  id Int @id\n}\n\nmodel Project {',
    );
    await writeFile(path.join(dir, 'schema.prisma'), schema);
    const missing = await checkMigrations({ url: t.url, schemaPath: path.join(dir, 'schema.prisma') });
    expect(missing).toMatch(/CREATE TABLE "Extra"/);
  });

  it('keeps the audit trail append-only', async () => {
    const t = await createTestDatabase();
    dbs.push(t);
    await t.db.auditEvent.create({ data: { action: 'test.event' } });
    await expect(t.db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(t.db.auditEvent.updateMany({ data: { action: 'changed' } })).rejects.toThrow(/append-only/);
    expect(await t.db.auditEvent.count()).toBe(1);
  });
});
