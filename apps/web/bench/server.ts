// Starts the production build (`next start`) on a free port against a fresh database, as the tests do.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@lae-studio/db/testing';
import { freePort } from '@lae-studio/services';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


export async function startServer(extraEnv: Record<string, string> = {}) {
  if (!existsSync(path.join(appDir, '.next', 'BUILD_ID'))) throw new Error('Build first: npx turbo run build --filter=@lae-studio/web');
  const t = await createTestDatabase();
  const storageDir = mkdtempSync(path.join(os.tmpdir(), 'lae-bench-storage-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The production server as `npm start` runs it (apps/web/server.ts; LAE_WEB_PROCESSES picks the process
  // count). BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles it.
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server.ts'], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: t.url,
      NEXTAUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01',
      NEXTAUTH_URL: baseUrl,
      LAE_REDIS_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
      NEXT_TELEMETRY_DISABLED: '1',
      STORAGE_DRIVER: 'local',
      STORAGE_DIR: storageDir,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false))) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`next start failed:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    databaseUrl: t.url,
    storageDir,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      await t.drop();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
