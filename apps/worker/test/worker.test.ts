import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { oracleAnnotate } from '@lae-studio/loop';
import { tinyProject, type TinyProject } from '@lae-studio/loop/testing';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { JOBS, type JobProducer } from '@lae-studio/queue';
import { reconcile, syncSchedules } from '../src/reconcile.ts';
import { startWorkers } from '../src/worker-pool.ts';
import { newRedis, prefix, producer as makeProducer, quietLog, spawnWorker, waitFor } from './harness.ts';

let db: TestDatabase;
let producer: JobProducer;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  producer = makeProducer();
  await newRedis().flushdb();
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  await producer.close();
  await db.drop();
});

/** Stop a worker process and wait for it to be gone, so that it cannot take the next test's jobs. */
function stopChild(c: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r() : (c.once('exit', () => r()), c.kill(signal))));
}

async function project(opts: Parameters<typeof tinyProject>[0] = {}): Promise<TinyProject> {
  const p = await tinyProject({ ...opts, db });
  cleanups.push(() => p.cleanup());
  return p;
}

function inProcessWorkers(p: TinyProject) {
  const pool = startWorkers({ queues: ['rounds', 'score', 'train', 'data', 'maintenance'], concurrency: 1, lockMs: 30_000, importRoot: '/nonexistent', prefix, connection: newRedis(), producer, ctx: p.ctx, log: quietLog });
  // Closed when the test ends: a pool left running would take the next test's jobs with this test's storage.
  onTestFinished(() => pool.close());
  return pool;
}

/** What the web app does when an annotator submits: answer, and start training when the round is done. */
async function annotateWhenAsked(p: TinyProject, roundId: string) {
  await waitFor('annotation', async () => (await db.db.round.findUnique({ where: { id: roundId } }))?.status === 'annotating');
  await oracleAnnotate(db.db, roundId);
  await producer.enqueue('train', { roundId });
}

describe('worker (BullMQ on real Redis, real Postgres)', () => {
  it('runs a two-round loop end to end through the queues and promotes a model', async () => {
    const p = await project();
    inProcessWorkers(p);
    await producer.enqueue('openRound', { projectId: p.projectId, trigger: 'manual' });
    for (let n = 0; n < 2; n++) {
      const round = await waitFor(`round ${n}`, () => db.db.round.findFirst({ where: { projectId: p.projectId, number: n } }));
      await annotateWhenAsked(p, round.id);
      await waitFor(`round ${n} completed`, async () => (await db.db.round.findUnique({ where: { id: round.id } }))?.status === 'completed');
    }
    const models = await db.db.modelVersion.findMany({ where: { projectId: p.projectId, roundId: { not: null } }, orderBy: { createdAt: 'asc' } });
    expect(models.length).toBeGreaterThanOrEqual(2);
    expect(models.every((m) => m.status === 'ready' && m.metrics)).toBe(true);
    const proj = await db.db.project.findUniqueOrThrow({ where: { id: p.projectId } });
    expect(models.map((m) => m.id)).toContain(proj.promotedModelId);
    // Completed rounds asked for the no-mask baseline: the train queue trains it once, evaluated, not promoted.
    const baseline = await waitFor('the no-mask baseline', () => db.db.modelVersion.findFirst({ where: { projectId: p.projectId, baselineFor: { not: null }, status: 'ready' } }));
    expect(baseline.metrics).not.toBeNull();
    expect(baseline.id).not.toBe(proj.promotedModelId);
  });

  it('generates a synthetic dataset into a project through the data queue, with progress', async () => {
    const p = await project();
    inProcessWorkers(p);
    const before = await db.db.sample.count({ where: { projectId: p.projectId } });
    const id = await producer.enqueue('generateData', { projectId: p.projectId, preset: 'inpainting', seed: 5, size: 32, counts: { train: 10, val: 2, test: 4 }, requestId: 'gen1' });
    const job = await producer.queue(JOBS.generateData.queue).getJob(id);
    await waitFor('generate job done', async () => (await job!.getState()) === 'completed');
    expect(await db.db.sample.count({ where: { projectId: p.projectId } })).toBe(before + 16);
    const done = await producer.queue(JOBS.generateData.queue).getJob(id);
    expect(done?.progress).toMatchObject({ percent: 100 });
    expect(done?.returnvalue).toMatchObject({ added: 16 });
  });

  it('rejects a malformed job payload with a logged error, no retry and no crash', async () => {
    const p = await project();
    inProcessWorkers(p);
    const q = new Queue(JOBS.score.queue, { connection: newRedis(), prefix });
    cleanups.push(() => q.close());
    const bad = await q.add(JOBS.score.name, { v: 1, payload: { roundId: 42, extra: true } }, { attempts: 5 });
    const unknown = await new Queue('rounds', { connection: newRedis(), prefix }).add('no-such-job', { hello: 'world' }, { attempts: 5 });
    await waitFor('malformed job failed', async () => (await bad.getState()) === 'failed');
    await waitFor('unknown job failed', async () => (await unknown.getState()) === 'failed');
    const failed = await q.getJob(bad.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/score: .*roundId/s);
    // The worker is still alive and serving.
    await producer.enqueue('openRound', { projectId: p.projectId, trigger: 'manual' });
    await waitFor('a round after the bad jobs', () => db.db.round.findFirst({ where: { projectId: p.projectId } }));
  });

  it('recovers a round whose jobs Redis lost (FLUSHDB) through the reconciler', async () => {
    const p = await project();
    const pool = inProcessWorkers(p);
    await producer.enqueue('openRound', { projectId: p.projectId, trigger: 'manual' });
    const round = await waitFor('round', () => db.db.round.findFirst({ where: { projectId: p.projectId } }));
    await waitFor('annotation', async () => (await db.db.round.findUnique({ where: { id: round.id } }))?.status === 'annotating');
    await pool.close();
    // Annotation finishes, but Redis loses everything before the train job is ever enqueued.
    await oracleAnnotate(db.db, round.id);
    await newRedis().flushdb();
    expect((await db.db.round.findUniqueOrThrow({ where: { id: round.id } })).status).toBe('training');
    const { requeued } = await reconcile(p.ctx, producer);
    expect(requeued).toBeGreaterThanOrEqual(1);
    inProcessWorkers(p);
    await waitFor('round completed after the flush', async () => (await db.db.round.findUnique({ where: { id: round.id } }))?.status === 'completed');
    expect(await db.db.modelVersion.count({ where: { roundId: round.id } })).toBe(1);
  });

  it('fires rounds from a per-project schedule, one scheduler per project however often it is synced', async () => {
    const p = await project({ retrainSchedule: 'every 5s' });
    await syncSchedules(p.ctx, producer);
    await syncSchedules(p.ctx, producer);
    const q = producer.queue(JOBS.openRound.queue);
    const mine = (await q.getJobSchedulers()).filter((s) => s.key === `retrain.${p.projectId}`);
    expect(mine).toHaveLength(1);
    inProcessWorkers(p);
    const round = await waitFor('a scheduled round', () => db.db.round.findFirst({ where: { projectId: p.projectId, trigger: 'schedule' } }), 30_000);
    expect(round.number).toBe(0);
    // Pausing the schedule removes its scheduler.
    await db.db.project.update({ where: { id: p.projectId }, data: { schedulePaused: true } });
    await syncSchedules(p.ctx, producer);
    expect((await q.getJobSchedulers()).filter((s) => s.key === `retrain.${p.projectId}`)).toHaveLength(0);
  });

  it('survives kill -9 during training: another worker finishes, with exactly one model version for the round', async () => {
    const p = await project({ epochs: 200 }); // ≈ 5 s of training (40 epochs took ≈ 1 s with the native kernels): the kill lands mid-way
    const env = { DATABASE_URL: db.url, STORAGE_DIR: p.storageDir, STORAGE_DRIVER: 'local', LAE_JOB_LOCK_SECONDS: '4', LAE_RECONCILE_SECONDS: '2' };
    const first = spawnWorker(env);
    onTestFinished(() => stopChild(first, 'SIGKILL'));
    await producer.enqueue('openRound', { projectId: p.projectId, trigger: 'manual' });
    const round = await waitFor('round', () => db.db.round.findFirst({ where: { projectId: p.projectId } }), 60_000);
    await annotateWhenAsked(p, round.id);
    // Training has started when the round's model row exists and progress reports a training phase.
    await waitFor('training in progress', async () => {
      const r = await db.db.round.findUnique({ where: { id: round.id } });
      return r?.status === 'training' && (r.progress as { phase?: string } | null)?.phase === 'training';
    }, 90_000, 100);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const second = spawnWorker(env);
    onTestFinished(() => stopChild(second, 'SIGTERM'));
    await waitFor('round completed after kill -9', async () => (await db.db.round.findUnique({ where: { id: round.id } }))?.status === 'completed', 150_000, 500).catch((err) => {
      throw new Error(`${(err as Error).message}\n--- second worker ---\n${second.output().slice(-3000)}`);
    });
    expect(await db.db.modelVersion.count({ where: { roundId: round.id } })).toBe(1);
    const model = await db.db.modelVersion.findUniqueOrThrow({ where: { roundId: round.id } });
    expect(model.status).toBe('ready');
    expect(await db.db.modelArtifact.count({ where: { modelVersionId: model.id } })).toBe(1);
  });

  it('on SIGTERM releases a running training job without spending an attempt; the next worker finishes it', async () => {
    const p = await project({ epochs: 300 }); // ≈ 7 s of training: SIGTERM lands mid-way
    const env = { DATABASE_URL: db.url, STORAGE_DIR: p.storageDir, STORAGE_DRIVER: 'local', LAE_JOB_LOCK_SECONDS: '30', LAE_RECONCILE_SECONDS: '2' };
    const first = spawnWorker(env);
    onTestFinished(() => stopChild(first, 'SIGKILL'));
    await producer.enqueue('openRound', { projectId: p.projectId, trigger: 'manual' });
    const round = await waitFor('round', () => db.db.round.findFirst({ where: { projectId: p.projectId } }), 60_000);
    await annotateWhenAsked(p, round.id);
    await waitFor('training in progress', async () => ((await db.db.round.findUnique({ where: { id: round.id } }))?.progress as { phase?: string } | null)?.phase === 'training', 90_000, 100);
    const t0 = Date.now();
    first.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => first.once('exit', (c, sig) => r([c, sig])));
    expect({ code, signal }, first.output().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(first.output(), first.output().slice(-3000)).toMatch(/released the job on shutdown/);
    const job = await producer.queue('train').getJob(`train.${round.id}`);
    expect(job?.attemptsMade ?? 0).toBe(0);

    const second = spawnWorker(env);
    onTestFinished(() => stopChild(second, 'SIGTERM'));
    await waitFor('round completed after SIGTERM', async () => (await db.db.round.findUnique({ where: { id: round.id } }))?.status === 'completed', 150_000, 500);
    expect(await db.db.modelVersion.count({ where: { roundId: round.id } })).toBe(1);
  });
});
