import { readFile } from 'node:fs/promises';
import type { DiffTarget, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import { openEngine } from './engine.ts';
import { readMigrationList, writeMigration } from './migrations-folder.ts';
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from './paths.ts';
import { assertIntrospectable } from './postgres-version.ts';

export { POSTGRES_MAJOR, serverMajor } from './postgres-version.ts';

export interface MigrateOptions {
  url: string;
  schemaPath?: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}

const noFilter: SchemaFilter = { externalTables: [], externalEnums: [] };

async function withEngine<T>(opts: MigrateOptions, run: (ctx: Awaited<ReturnType<typeof openEngine>> & { schema: { path: string; content: string }; dir: string }) => Promise<T>): Promise<T> {
  const schemaFile = opts.schemaPath ?? defaultSchemaPath;
  const schema = { path: schemaFile, content: await readFile(schemaFile, 'utf8') };
  const handle = await openEngine(opts.url, schema, opts.log);
  try {
    return await run({ ...handle, schema, dir: opts.migrationsDir ?? defaultMigrationsDir });
  } finally {
    await handle.close();
  }
}

/** Apply every pending migration (the equivalent of `prisma migrate deploy`). Returns the names applied. */
export function deployMigrations(opts: MigrateOptions): Promise<string[]> {
  return withEngine(opts, async ({ engine, dir }) => {
    const migrationsList = await readMigrationList(dir);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilter });
    return appliedMigrationNames;
  });
}

/** The SQL that takes the database built by the committed migrations to schema.prisma ('' when none). */
async function pendingSql(engine: SchemaEngine, dir: string, schema: { path: string; content: string }) {
  const migrationsList = await readMigrationList(dir);
  const from: DiffTarget = migrationsList.migrationDirectories.length ? { tag: 'migrations', ...migrationsList } : { tag: 'empty' };
  const result = await engine.diff({ from, to: { tag: 'schemaDatamodel', files: [schema] }, script: true, exitCode: true, filters: noFilter });
  return result.exitCode === 2 ? (result.stdout ?? '') : '';
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/**
 * Create a migration from the difference between the migrations folder and schema.prisma (what
 * `prisma migrate dev` writes: <timestamp>_<name>/migration.sql and migration_lock.toml), then apply it.
 * The engine's createMigration insists on a shadow database URL it cannot get from a driver adapter, so
 * the script comes from `diff` (migrations replayed on our shadow database → schema). Returns the new
 * directory, or null when the schema and the migrations already agree.
 */
export async function createMigration(opts: MigrateOptions & { name: string }): Promise<string | null> {
  await assertIntrospectable(opts.url);
  return withEngine(opts, async ({ engine, dir, schema }) => {
    const sql = await pendingSql(engine, dir, schema);
    if (!sql.trim()) return null;
    const target = await writeMigration(dir, `${timestamp()}_${opts.name}`, sql, 'postgresql');
    await engine.applyMigrations({ migrationsList: await readMigrationList(dir), filters: noFilter });
    return target;
  });
}

/**
 * Compare the committed migrations with schema.prisma (on a temporary shadow database).
 * Returns the SQL that is missing, or null when they match: CI fails on a non-null answer.
 */
export async function checkMigrations(opts: MigrateOptions): Promise<string | null> {
  await assertIntrospectable(opts.url);
  return withEngine(opts, async ({ engine, dir, schema }) => {
    const sql = await pendingSql(engine, dir, schema);
    return sql.trim() ? sql : null;
  });
}

/** Migration history health: unapplied, unpersisted or diverged migrations. */
export function migrationStatus(opts: MigrateOptions) {
  return withEngine(opts, async ({ engine, dir }) => {
    const migrationsList = await readMigrationList(dir);
    return engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilter });
  });
}
