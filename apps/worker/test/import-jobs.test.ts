import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestVideo, writeExportFiles } from '@lae-studio/datasets';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { decodeStoredMask, exportProjectMasks } from '@lae-studio/project-data';
import { tinyProject, type TinyProject } from '@lae-studio/loop/testing';
import { masksEqual } from '@lae-studio/mask-codec';
import { JOBS, type JobKey, type JobPayload, type JobProducer } from '@lae-studio/queue';
import { startWorkers } from '../src/worker-pool.ts';
import { newRedis, prefix, producer as makeProducer, quietLog, waitFor } from './harness.ts';

let db: TestDatabase;
let producer: JobProducer;
let p: TinyProject;
let root: string;
let pool: ReturnType<typeof startWorkers>;

beforeAll(async () => {
  db = await createTestDatabase();
  producer = makeProducer();
  await newRedis().flushdb();
  p = await tinyProject({ db, counts: { train: 10, val: 2, test: 4 } });
  root = await mkdtemp(path.join(tmpdir(), 'lae-import-jobs-'));
  pool = startWorkers({ queues: ['data'], concurrency: 1, lockMs: 30_000, importRoot: root, prefix, connection: newRedis(), producer, ctx: p.ctx, log: quietLog });
});
afterAll(async () => {
  await pool.close();
  await producer.close();
  await p.cleanup();
  await db.drop();
  await rm(root, { recursive: true, force: true });
});

/** Enqueue a data job and wait until it has finished; its state, progress and result. */
async function run<K extends JobKey>(key: K, payload: JobPayload<K>) {
  const id = await producer.enqueue(key, payload);
  const queue = producer.queue(JOBS[key].queue);
  const state = await waitFor(`${key} finished`, async () => {
    const s = await (await queue.getJob(id))?.getState();
    return s === 'completed' || s === 'failed' ? s : null;
  });
  const job = (await queue.getJob(id))!;
  return { state, progress: job.progress as Record<string, unknown>, result: job.returnvalue as Record<string, unknown>, job };
}

describe('import data jobs (worker on real Redis, real Postgres, real ffmpeg)', () => {
  it('samples videos into frames with their video and index, masks from the mask video, and a retry adds nothing', async () => {
    await makeTestVideo(path.join(root, 'clips/real/clip.mp4'), { frames: 20, width: 48, height: 32 });
    await makeTestVideo(path.join(root, 'clips/fake/swap/clip.webm'), { frames: 20, width: 48, height: 32, kind: 'testsrc2' });
    await makeTestVideo(path.join(root, 'clips/masks/swap/clip.mp4'), { frames: 20, width: 48, height: 32, kind: 'mask' });
    const payload = { projectId: p.projectId, path: 'clips', layout: 'folder' as const, sampling: { every: 5 }, masksAs: 'training' as const, seed: 0, requestId: 'videos1' };
    const first = await run('importVideos', payload);
    expect(first.state).toBe('completed');
    expect(first.result).toMatchObject({ added: 8, frames: 8, masks: 4, issues: 0 });
    expect(first.progress).toMatchObject({ done: 8, total: 8, unit: 'frames', percent: 100 });

    const frames = await db.db.sample.findMany({ where: { projectId: p.projectId, videoName: { not: null } }, include: { masks: true }, orderBy: [{ videoName: 'asc' }, { frameIndex: 'asc' }] });
    expect(frames.map((f) => `${f.videoName}@${f.frameIndex}`)).toEqual(['fake/swap/clip.webm@0', 'fake/swap/clip.webm@5', 'fake/swap/clip.webm@10', 'fake/swap/clip.webm@15', 'real/clip.mp4@0', 'real/clip.mp4@5', 'real/clip.mp4@10', 'real/clip.mp4@15']);
    expect(new Set(frames.map((f) => f.split)).size).toBe(1); // one group: the fake is named after its real
    expect(frames.filter((f) => f.label === 'fake').every((f) => f.masks.length === 1 && !f.masks[0]!.reference && f.masks[0]!.area === 64)).toBe(true);

    const retry = await run('importVideos', { ...payload, requestId: 'videos2' });
    expect(retry.result).toMatchObject({ added: 0, duplicates: 8 });
    expect(await db.db.sample.count({ where: { projectId: p.projectId, videoName: { not: null } } })).toBe(8);
  });

  it('imports COCO masks exported from the same samples, identical pixel for pixel; a missing file fails at once', async () => {
    const { files, masks } = await exportProjectMasks(db.db, { projectId: p.projectId, format: 'coco', reference: true });
    await writeExportFiles(path.join(root, 'coco'), files);
    const done = await run('importMasks', { projectId: p.projectId, path: 'coco/coco.json', format: 'coco', masksAs: 'training', requestId: 'masks1' });
    expect(done.state).toBe('completed');
    expect(done.result).toMatchObject({ found: masks, added: masks, issues: 0 });
    expect(done.progress).toMatchObject({ done: masks, total: masks, unit: 'masks' });
    const samples = await db.db.sample.findMany({ where: { projectId: p.projectId, label: 'fake', videoName: null }, include: { masks: { orderBy: { version: 'asc' } } } });
    for (const s of samples) {
      const reference = s.masks.find((m) => m.reference)!;
      const imported = s.masks.find((m) => !m.reference)!;
      expect(masksEqual(decodeStoredMask(imported), decodeStoredMask(reference)), s.sourceName!).toBe(true);
    }

    const missing = await run('importMasks', { projectId: p.projectId, path: 'coco/nope.json', format: 'coco', masksAs: 'training', requestId: 'masks2' });
    expect(missing.state).toBe('failed');
    expect(missing.job.attemptsMade).toBe(1);
    expect(missing.job.failedReason).toMatch(/no such folder or file/);
  });
});
