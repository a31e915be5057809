import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { tinyProject, type TinyProject } from '@lae-studio/loop/testing';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { JOBS, RECONCILE_SCHEDULER_ID, upsertReconcileScheduler, type JobProducer } from '@lae-studio/queue';
import { startWorkers } from '../src/worker-pool.ts';
import { newRedis, prefix, producer as makeProducer } from './harness.ts';

let db: TestDatabase;
let p: TinyProject;
let producer: JobProducer;

beforeAll(async () => {
  db = await createTestDatabase();
  p = await tinyProject({ db });
  producer = makeProducer();
  await newRedis().flushdb();
});
afterAll(async () => {
  await producer.close();
  await p.cleanup();
  await db.drop();
});

/** A worker pool on the maintenance queue whose 'reconciled' lines are collected (job ids). */
function maintenanceWorker() {
  const runs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg?: string; id?: string };
        if (entry.msg === 'reconciled' && entry.id) runs.push(entry.id);
      }
      done();
    },
  });
  const pool = startWorkers({ queues: ['maintenance'], concurrency: 2, lockMs: 30_000, importRoot: '/nonexistent', prefix, connection: newRedis(), producer, ctx: p.ctx, log: pino({ level: 'debug' }, sink) });
  return { runs, pool };
}

describe('reconciliation: one BullMQ job scheduler shared by every worker', () => {
  it('runs once per period with two workers, never twice in one period', async () => {
    const PERIOD = 1000;
    const a = maintenanceWorker();
    const b = maintenanceWorker();
    // Both workers upsert the scheduler at start, as main.ts does.
    await upsertReconcileScheduler(producer, PERIOD);
    await upsertReconcileScheduler(producer, PERIOD);
    await new Promise((r) => setTimeout(r, 4.5 * PERIOD));
    await Promise.all([a.pool.close(), b.pool.close()]);

    const queue = producer.queue(JOBS.reconcile.queue);
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual([RECONCILE_SCHEDULER_ID]);
    const runs = [...a.runs, ...b.runs];
    // Each run is one scheduled job (`repeat:<scheduler>:<millis>`): no job ran twice, no period had two jobs.
    expect(new Set(runs).size).toBe(runs.length);
    const millis = runs.map((id) => Number(id.split(':').at(-1))).sort((x, y) => x - y);
    expect(millis.every((m) => Number.isFinite(m))).toBe(true);
    for (let i = 1; i < millis.length; i++) expect(millis[i]! - millis[i - 1]!).toBeGreaterThanOrEqual(PERIOD);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(6);
  });

  it('is back after Redis lost it, at the next worker start, exactly once', async () => {
    await newRedis().flushdb();
    const queue = producer.queue(JOBS.reconcile.queue);
    expect(await queue.getJobSchedulers()).toEqual([]);
    await upsertReconcileScheduler(producer, 30_000);
    await upsertReconcileScheduler(producer, 30_000);
    expect((await queue.getJobSchedulers()).map((s) => [s.key, s.every])).toEqual([[RECONCILE_SCHEDULER_ID, 30_000]]);
  });
});
