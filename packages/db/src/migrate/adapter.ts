import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { createMigrationPool } from './pg-pool.ts';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Driver adapter factory for the schema engine. PrismaPg's own connectToShadowDb() is unusable for
 * migrations (it connects the "shadow" pool to the main database, or drops the temporary database
 * before closing its pool), so the shadow database is handled here: create, use, close, DROP ... FORCE.
 */
export function migrationAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  const pools: pg.Pool[] = [];
  const adapterOn = async (pool: pg.Pool) => {
    const adapter = await new PrismaPg(pool, { disposeExternalPool: false }).connect();
    // adapter-pg splits scripts on every ";", which breaks function bodies ($$ ... $$) in migrations.
    // Send the script whole, as the native engine does (one simple-protocol batch, one implicit transaction).
    const toDriverError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (err) {
        toDriverError(err);
      }
    };
    return adapter;
  };

  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect(): Promise<SqlDriverAdapter> {
      const pool = createMigrationPool(url);
      pools.push(pool);
      return adapterOn(pool);
    },
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const name = `lae_shadow_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      const pool = createMigrationPool(withDatabase(url, name));
      const adapter = await adapterOn(pool);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await pool.end();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      };
      return adapter;
    },
    async close() {
      await Promise.all(pools.splice(0).map((p) => p.end().catch(() => undefined)));
    },
  };
}
