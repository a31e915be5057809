// Starts the production build (`next start`) on a free port against a fresh, migrated database with
// one user per role, and real Redis. Requires `next build` to have run (turbo's test task depends on build).
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { hashPassword } from '@lae-studio/auth';
import { createUser, ensureDemoProject } from '@lae-studio/db';
import { createTestDatabase, TEST_TRANSACTION } from '@lae-studio/db/testing';
import { PASSWORD, USERS } from './users.ts';
import { freePort } from '@lae-studio/services';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The web server's LAE_REDIS_PREFIX (a worker started by a test must share it). */
    redisPrefix: string;
    databaseUrl: string;
    /** Local image storage the server reads (STORAGE_DIR); fixtures write sample images here. */
    storageDir: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(path.join(appDir, '.next', 'BUILD_ID'))) {
    throw new Error('apps/web has no production build: run `npm test` (it builds first) or `npx turbo run build --filter=@lae-studio/web`.');
  }
  const t = await createTestDatabase();
  const hash = await hashPassword(PASSWORD);
  for (const u of Object.values(USERS)) await createUser(t.db, { email: u.email, role: u.role, passwordHash: hash });
  await ensureDemoProject(t.db);

  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'lae-web-storage-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const redisPrefix = `test-${randomBytes(4).toString('hex')}`;
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: t.url,
      // Behaviour, not latency, is under test: a busy shared machine must not time transactions out.
      DATABASE_TRANSACTION_MAX_WAIT_MS: String(TEST_TRANSACTION.maxWait),
      DATABASE_TRANSACTION_TIMEOUT_MS: String(TEST_TRANSACTION.timeout),
      NEXTAUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
      NEXTAUTH_URL: baseUrl,
      // A fresh Redis namespace per run: rate-limit counters of an earlier run must not leak in.
      LAE_REDIS_PREFIX: redisPrefix,
      LAE_SIGNIN_MAX_PER_ACCOUNT: '3',
      LAE_SIGNIN_MAX_PER_IP: '1000',
      NEXT_TELEMETRY_DISABLED: '1',
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}):\n${log}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`next start did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  project.provide('baseUrl', baseUrl);
  project.provide('redisPrefix', redisPrefix);
  project.provide('databaseUrl', t.url);
  project.provide('storageDir', storageDir);

  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await t.drop();
    rmSync(storageDir, { recursive: true, force: true });
  };
}
