// CI's first check, the README's first command as a newcomer runs it: `npm start` with no database or Redis
// configured, on a fresh data directory. Waits for the sign-in page, signs in over HTTP as the admin, checks
// that the demo project exists and that its data job finished, then stops it with SIGTERM and checks that the
// exit is clean. Prints the wall times. Usage: `tsx scripts/smoke.ts` (ADMIN_PASSWORD is set here).
import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpSession } from '@lae-studio/auth/http-session';
import { waitUntil } from '@lae-studio/services';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN = { email: 'admin@lae.local', password: 'smoke-test-password-1' };
const PORT = 3000;
const base = `http://127.0.0.1:${PORT}`;

/** The processes still in the process group, as `pid command` lines (empty when none). */
function groupLeftovers(pgid: number): string[] {
  const ps = spawnSync('ps', ['-o', 'pid=,args=', '-g', String(pgid)], { encoding: 'utf8' });
  return ps.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lae-smoke-'));
  await chmod(dataDir, 0o755); // under root the embedded Postgres runs as `postgres`
  const env: NodeJS.ProcessEnv = { ...process.env, LAE_DATA_DIR: dataDir, ADMIN_PASSWORD: ADMIN.password, NO_COLOR: '1' };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'REDIS_URL', 'ADMIN_EMAIL', 'PORT', 'NEXTAUTH_URL']) delete env[k];

  console.log(`smoke: npm start (data in ${dataDir}, nothing configured)`);
  // Its own process group, so that anything it leaves behind can be found (and is a failure).
  const start = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => start.once('exit', (code, signal) => r({ code, signal })));
  let exited = false;
  void exit.then(() => (exited = true));
  let failure: unknown = null;
  try {
    await waitUntil('the sign-in page', async () => !exited && (await fetch(`${base}/signin`)).status === 200, { timeoutMs: 240_000 });
    const signInAt = secs();
    const http = new HttpSession(base);
    const error = await http.signIn(ADMIN.email, ADMIN.password);
    if (error) throw new Error(`signing in as ${ADMIN.email} failed: ${error}`);

    const { projects } = (await (await http.fetch('/api/admin/projects')).json()) as { projects: { id: string; slug: string }[] };
    const demo = projects.find((p) => p.slug === 'demo');
    if (!demo) throw new Error(`no demo project (projects: ${projects.map((p) => p.slug).join(', ') || 'none'})`);
    const job = await waitUntil(
      'the demo data job',
      async () => {
        const s = (await (await http.fetch(`/api/admin/projects/${demo.id}/data/jobs/data.generate.demo-seed`)).json()) as { state: string; failedReason: string | null };
        return s.state === 'completed' || s.state === 'failed' ? s : null;
      },
      { timeoutMs: 300_000 },
    );
    if (job.state === 'failed') throw new Error(`the demo data job failed: ${job.failedReason}`);
    console.log(`smoke: sign-in page after ${signInAt}; signed in as ${ADMIN.email}; demo data job ${job.state} after ${secs()}`);
  } catch (err) {
    failure = err;
  }
  if (!exited) start.kill('SIGTERM');
  const { code, signal } = await exit;
  // Give what stopped a moment to be reaped, then anything left in the group is a leak.
  let leftovers = groupLeftovers(start.pid!);
  for (let i = 0; i < 10 && leftovers.length; i++) {
    await new Promise((r) => setTimeout(r, 500));
    leftovers = groupLeftovers(start.pid!);
  }
  if (leftovers.length) process.kill(-start.pid!, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
  if (failure) throw failure;
  if (leftovers.length) throw new Error(`npm start exited but left processes running (killed now):\n  ${leftovers.join('\n  ')}`);
  if (code !== 0) throw new Error(`npm start did not exit cleanly on SIGTERM (code ${code}, signal ${signal})`);
  console.log(`smoke: npm start stopped cleanly (exit 0); ${secs()} in all`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`smoke: FAILED — ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
