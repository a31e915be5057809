// Fault injection against the real worker process: Redis restarts (with and without its data) and
// Postgres dropping every connection mid-training. After each, the system must converge: the round
// completes with exactly one model version.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleAnnotate } from '@lae-studio/loop';
import { tinyProject, type TinyProject } from '@lae-studio/loop/testing';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { JobProducer } from '@lae-studio/queue';
import { Redis } from 'ioredis';
import { prefix, redisUrl, spawnWorker, waitFor } from './harness.ts';
import { freePort } from '@lae-studio/services';

let db: TestDatabase;
const cleanups: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  await db.drop();
});


/** A producer connection that rides out the Redis outage quietly (ioredis reconnects by itself). */
function quietRedis(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: null });
  r.on('error', () => {});
  return r;
}

/** A private redis-server with append-only persistence (fsync always), so that it can be killed and restarted. */
async function privateRedis(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
  await waitFor(
    'redis up',
    async () => {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      const ok = await probe.ping().then(() => true, () => false);
      probe.disconnect();
      return ok;
    },
    10_000,
    100,
  );
  return child;
}

const stopProcess = (c: ChildProcess, signal: NodeJS.Signals) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.once('exit', r), c.kill(signal))));

async function roundStatus(id: string) {
  return (await db.db.round.findUnique({ where: { id } }))?.status;
}

describe.each([
  { keepData: true, label: 'restarts with its data' },
  { keepData: false, label: 'restarts empty' },
])('Redis $label mid-round', ({ keepData }) => {
  let p: TinyProject;
  it('the round still completes, with one model version', async () => {
    p = await tinyProject({ db });
    cleanups.push(() => p.cleanup());
    const dir = await mkdtemp(path.join(tmpdir(), 'lae-redis-fault-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    let redis = await privateRedis(dir, port);
    cleanups.push(() => stopProcess(redis, 'SIGKILL'));
    const url = `redis://127.0.0.1:${port}`;
    const worker = spawnWorker({ REDIS_URL: url, DATABASE_URL: db.url, STORAGE_DIR: p.storageDir, LAE_RECONCILE_SECONDS: '1', LAE_JOB_LOCK_SECONDS: '5' });
    cleanups.push(() => stopProcess(worker, 'SIGKILL'));
    const producer = new JobProducer(quietRedis(url), prefix);
    cleanups.push(() => producer.close());

    await producer.enqueue('openRound', { projectId: p.projectId, trigger: 'manual' });
    const round = await waitFor('round', () => db.db.round.findFirst({ where: { projectId: p.projectId } }), 60_000);
    await waitFor('annotating', async () => (await roundStatus(round.id)) === 'annotating', 60_000);

    await stopProcess(redis, 'SIGKILL');
    // Annotators keep working while Redis is down: Postgres has everything.
    await oracleAnnotate(db.db, round.id);
    if (!keepData) await rm(dir, { recursive: true, force: true }).then(() => import('node:fs/promises').then((f) => f.mkdir(dir)));
    redis = await privateRedis(dir, port);

    await waitFor('round completed after the Redis restart', async () => (await roundStatus(round.id)) === 'completed', 120_000, 250).catch((err: Error) => {
      throw new Error(`${err.message}\n${worker.output().slice(-2500)}`);
    });
    expect(await db.db.modelVersion.count({ where: { roundId: round.id } })).toBe(1);
  }, 240_000);
});

describe('Postgres drops every connection during training', () => {
  it('the worker reconnects and the round completes, with one model version', async () => {
    const p = await tinyProject({ db, epochs: 200 }); // ≈ 5 s of training: long enough to drop the connections mid-way
    cleanups.push(() => p.cleanup());
    const worker = spawnWorker({ DATABASE_URL: db.url, STORAGE_DIR: p.storageDir, LAE_RECONCILE_SECONDS: '1', LAE_JOB_LOCK_SECONDS: '10' });
    cleanups.push(() => stopProcess(worker, 'SIGKILL'));
    const producer = new JobProducer(quietRedis(redisUrl()), prefix);
    cleanups.push(() => producer.close());
    await producer.enqueue('openRound', { projectId: p.projectId, trigger: 'manual' });
    const round = await waitFor('round', () => db.db.round.findFirst({ where: { projectId: p.projectId } }), 60_000);
    await waitFor('annotating', async () => (await roundStatus(round.id)) === 'annotating', 60_000);
    await oracleAnnotate(db.db, round.id);
    await producer.enqueue('train', { roundId: round.id });
    await waitFor('training', async () => ((await db.db.round.findUnique({ where: { id: round.id } }))?.progress as { phase?: string } | null)?.phase === 'training', 60_000, 100);

    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);

    // The kill dropped this test's own pooled connection too: a poll that meets it retries, as the worker does.
    const statusOrRetry = () => roundStatus(round.id).catch((err: Error) => (/57P01|terminating connection|Connection terminated|closed/i.test(err.message) ? undefined : Promise.reject(err)));
    await waitFor('round completed after the connections dropped', async () => (await statusOrRetry()) === 'completed', 150_000, 500).catch((err: Error) => {
      throw new Error(`${err.message}\n${worker.output().slice(-2500)}`);
    });
    expect(await db.db.modelVersion.count({ where: { roundId: round.id } })).toBe(1);
  }, 240_000);
});
