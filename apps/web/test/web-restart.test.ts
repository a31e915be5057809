// The web server killed (SIGKILL) while an autosave and a submit are in flight, then started again: the
// client's retries converge on exactly one draft revision and exactly one stored mask.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { HttpSession } from '@lae-studio/auth/http-session';
import { PASSWORD, USERS } from './users.ts';
import { closeFixtures, fixtureDb, rleOf, seedProject } from './workspace/fixtures.ts';
import { freePort } from '@lae-studio/services';

const databaseUrl = inject('databaseUrl');
const storageDir = inject('storageDir');
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let server: ChildProcess | undefined;


async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: 'test-secret-test-secret-test-secret-0123', NEXTAUTH_URL: `http://127.0.0.1:${port}`, LAE_REDIS_PREFIX: inject('redisPrefix'), STORAGE_DRIVER: 'local', STORAGE_DIR: storageDir, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('next start did not come up');
    await new Promise((r) => setTimeout(r, 150));
  }
  return child;
}

const kill = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.once('exit', r), c.kill('SIGKILL'))));

afterAll(async () => {
  if (server) await kill(server);
  await closeFixtures();
});

/** Retry like the editor does: until the server answers (it may be down for a while). */
async function retry(run: () => Promise<Response>): Promise<Response> {
  for (let i = 0; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i > 200) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('web server restarts during autosave and submit', () => {
  it('loses nothing and duplicates nothing', async () => {
    const port = await freePort();
    server = await startServer(port);
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[64, 64]] });
    const s = new HttpSession(`http://127.0.0.1:${port}`);
    expect(await s.signIn(USERS.annotator.email, PASSWORD)).toBeNull();
    const json = { 'content-type': 'application/json' };
    const lease = (await (await s.fetch('/api/tasks/next', { method: 'POST', headers: json, body: JSON.stringify({ projectId: seeded.projectId }) })).json()) as { task: { id: string; leaseToken: string } };
    const task = lease.task;
    const mask = rleOf(64, 64, (x, y) => x > 10 && x < 40 && y > 5 && y < 30);

    // An autosave in flight when the server dies; restart; the client saves the same revision again.
    const draft = () => s.fetch(`/api/tasks/${task.id}/draft`, { method: 'PUT', headers: json, body: JSON.stringify({ revision: 1, mask }) });
    const inFlight = draft().catch(() => null);
    await kill(server);
    await inFlight;
    server = await startServer(port);
    // Same revision, same pixels: a retry of a save that may already have landed is accepted.
    expect((await retry(draft)).status).toBe(200);
    const db = fixtureDb(databaseUrl);
    expect((await db.draft.findMany({ where: { taskId: task.id } })).map((d) => d.revision)).toEqual([1]);

    // A submit in flight when the server dies; restart; the client retries with the same clientId.
    const clientId = randomUUID();
    const submit = () => s.fetch(`/api/tasks/${task.id}/submit`, { method: 'POST', headers: json, body: JSON.stringify({ leaseToken: task.leaseToken, clientId, mask }) });
    const pending = submit().catch(() => null);
    await new Promise((r) => setTimeout(r, 5));
    await kill(server);
    await pending;
    server = await startServer(port);
    const res = await retry(submit);
    expect([200, 201]).toContain(res.status);
    const masks = await db.mask.findMany({ where: { taskId: task.id } });
    expect(masks).toHaveLength(1);
    expect(masks[0]!.clientId).toBe(clientId);
    expect((await db.annotationTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('submitted');
  }, 180_000);
});
