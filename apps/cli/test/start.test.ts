// `npm start` as a user runs it (embedded PostgreSQL and Redis, nothing configured), then the fault the
// supervisor exists for: the worker is SIGKILLed mid-training (as an OOM kill would). The web app must keep
// answering, the worker must come back, and the round must complete with exactly one model version.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpSession } from '@lae-studio/auth/http-session';
import { freePort, waitUntil } from '@lae-studio/services';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN = { email: 'admin@start.test', password: 'start-test-password-1' };
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

/** waitUntil, with the tail of `npm start`'s output in the error: what a failure needs to be understood. */
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, log: () => string): Promise<T> {
  try {
    return await waitUntil(what, probe, { timeoutMs, intervalMs: 250 });
  } catch (err) {
    throw new Error(`${(err as Error).message}
--- npm start output (tail) ---
${log().slice(-4000)}`);
  }
}

describe('npm start (embedded services) supervises its processes', () => {
  it('keeps the web up while a SIGKILLed worker restarts, and the round completes with one model version', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lae-start-'));
    await chmod(dataDir, 0o755); // under root the embedded Postgres runs as `postgres`
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    // What a newcomer has: no services configured (npm test sets these for the other tests).
    for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'REDIS_URL', 'NEXTAUTH_URL', 'NEXTAUTH_SECRET']) delete env[k];
    Object.assign(env, {
      LAE_DATA_DIR: dataDir,
      PORT: String(port),
      LAE_EMBEDDED_PG_PORT: String(await freePort()),
      LAE_EMBEDDED_REDIS_PORT: String(await freePort()),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LAE_SKIP_BUILD: 'true', // turbo builds the web app before this test (turbo.json)
      LAE_WEB_PROCESSES: '1',
      LAE_JOB_LOCK_SECONDS: '5', // a killed job's lock expires soon, so the restarted worker takes it over
      LAE_RECONCILE_SECONDS: '2',
    });

    let out = '';
    const start: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/cli/src/bin.ts'), 'start'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    start.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    start.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const startExit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => start.once('exit', (code, signal) => r({ code, signal })));
    cleanups.push(async () => start.exitCode === null && start.kill('SIGKILL'));
    const log = () => out;

    await until('LAE Studio is up', async () => out.includes('LAE Studio is up'), 120_000, log);
    const base = `http://127.0.0.1:${port}`;
    const http = new HttpSession(base);
    expect(await http.signIn(ADMIN.email, ADMIN.password)).toBeNull();

    const demo = await until(
      'the demo project and its data',
      async () => {
        const { projects } = (await (await http.fetch('/api/admin/projects')).json()) as { projects: { id: string; slug: string; sampleCount: number }[] };
        const p = projects.find((x) => x.slug === 'demo');
        return p && p.sampleCount >= 4400 ? p : null;
      },
      240_000,
      log,
    );

    const db = new pg.Client({ connectionString: await databaseUrl(dataDir, env) });
    db.on('error', () => {}); // the server goes away with `start`
    await db.connect();
    cleanups.push(() => db.end());
    const round = async () =>
      (await db.query<{ id: string; status: string; progress: { phase?: string } | null }>('SELECT id, status, progress FROM "Round" WHERE "projectId" = $1 ORDER BY number LIMIT 1', [demo.id])).rows[0];

    // A short training keeps this test about supervision, whatever the model's default epochs are.
    const patched = await http.fetch(`/api/admin/projects/${demo.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ modelConfig: { train: { epochs: 4, patience: 0 } } }),
    });
    expect(patched.status).toBe(200);

    // Open round 0, then (once it is annotating) close annotation and train.
    expect((await http.fetch(`/api/admin/projects/${demo.id}/rounds`, { method: 'POST' })).status).toBe(202);
    await until('round annotating', async () => (await round())?.status === 'annotating', 60_000, log);
    expect((await http.fetch(`/api/admin/projects/${demo.id}/rounds`, { method: 'POST' })).status).toBe(202);
    await until('training under way', async () => { const r = await round(); return r?.status === 'training' && r.progress?.phase === 'training'; }, 60_000, log);

    const workerPid = Number([...out.matchAll(/worker +(?:running|restarted) — pid (\d+)/g)].at(-1)?.[1]);
    expect(workerPid).toBeGreaterThan(0);
    process.kill(workerPid, 'SIGKILL');
    await until('the supervisor notices', async () => out.includes('worker exited unexpectedly (signal SIGKILL)'), 10_000, log);
    // The web app answers while the worker is down and while it restarts.
    expect((await fetch(`${base}/signin`)).status).toBe(200);
    await until('worker restarted', async () => /worker restarted — pid \d+/.test(out), 30_000, log);
    expect((await fetch(`${base}/signin`)).status).toBe(200);

    const done = await until('round completed', async () => ((await round())?.status === 'completed' ? round() : null), 300_000, log);
    const models = await db.query<{ status: string }>('SELECT status FROM "ModelVersion" WHERE "roundId" = $1', [done!.id]);
    expect(models.rows).toEqual([{ status: 'ready' }]);
    expect(done?.status).toBe('completed');
    expect(out).not.toContain('stopping everything');

    await db.end();
    cleanups.pop();
    start.kill('SIGTERM');
    expect(await startExit).toEqual({ code: 0, signal: null });
    expect(out).toContain('stopped');
  }, 600_000);
});

/** Attach to the embedded Postgres that `start` runs (same data directory and port). */
async function databaseUrl(dataDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { ensureServices } = await import('@lae-studio/services');
  const s = await ensureServices({ repoRoot, env: { LAE_DATA_DIR: dataDir, LAE_EMBEDDED_PG_PORT: env.LAE_EMBEDDED_PG_PORT, LAE_EMBEDDED_REDIS_PORT: env.LAE_EMBEDDED_REDIS_PORT }, log: () => {} });
  return s.databaseUrl;
}
