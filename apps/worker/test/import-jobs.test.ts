import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { Upload } from '@tus/utils';
import { makeTestVideo, presetConfig, writeBenchmark, writeExportFiles, zipFolder } from '@lae-studio/datasets';
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
let uploads: string;
let pool: ReturnType<typeof startWorkers>;

beforeAll(async () => {
  db = await createTestDatabase();
  producer = makeProducer();
  await newRedis().flushdb();
  p = await tinyProject({ db, counts: { train: 10, val: 2, test: 4 } });
  root = await mkdtemp(path.join(tmpdir(), 'lae-import-jobs-'));
  uploads = await mkdtemp(path.join(tmpdir(), 'lae-uploads-'));
  pool = startWorkers({ queues: ['data'], concurrency: 1, lockMs: 30_000, importRoot: root, uploads, prefix, connection: newRedis(), producer, ctx: p.ctx, log: quietLog });
});
afterAll(async () => {
  await pool.close();
  await producer.close();
  await p.cleanup();
  await db.drop();
  await rm(root, { recursive: true, force: true });
  await rm(uploads, { recursive: true, force: true });
});

/** An upload as the web app's tus file store leaves it (the store itself writes it): `offset` of its bytes arrived. */
async function uploaded(id: string, bytes: Uint8Array, filename: string, offset = bytes.byteLength) {
  const store = new FileStore({ directory: uploads });
  await store.create(new Upload({ id, size: bytes.byteLength, offset: 0, metadata: { filename, filetype: '' } }));
  await store.write(Readable.from([Buffer.from(bytes.subarray(0, offset))]), id, 0);
}

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

describe('browser uploads imported by the worker (the tus store\'s files, real Postgres, real ffmpeg)', () => {
  it('imports a zip of the folder layout with its masks, then removes the upload; a retry finds nothing to import', async () => {
    const set = path.join(root, 'zip-src');
    await writeBenchmark(presetConfig('face-swap', { version: 'v2', seed: 7, size: 32, counts: { train: 6, val: 0, test: 0 } }), set);
    const id = `${p.projectId}-zip1`;
    await uploaded(id, await zipFolder(set), 'My Set (v2).zip');
    const done = await run('importUpload', { projectId: p.projectId, uploadId: id, content: 'folder', sampling: { perVideo: 4 }, masksAs: 'reference', seed: 0, requestId: 'upload1' });
    expect(done.state).toBe('completed');
    expect(done.result).toMatchObject({ file: 'My_Set_v2_.zip', scanned: 6, added: 6, duplicates: 0, issues: 0 });
    expect(done.result.masks).toBeGreaterThan(0);
    expect(await readdir(uploads)).toEqual([]); // the upload and its staging folder are gone
    const again = await run('importUpload', { projectId: p.projectId, uploadId: id, content: 'folder', sampling: { perVideo: 4 }, masksAs: 'reference', seed: 0, requestId: 'upload2' });
    expect(again.state).toBe('failed');
    expect(again.job.failedReason).toMatch(/no upload .*-zip1 \(expired, or already imported\)/);
  });

  it('imports one fake video as frames under the manipulation it is given; an unfinished upload is refused', async () => {
    const video = path.join(root, 'one.mp4');
    await makeTestVideo(video, { frames: 12, width: 64, height: 48, kind: 'testsrc2' }); // unlike the other tests' clips: no frame is a duplicate
    const id = `${p.projectId}-vid1`;
    await uploaded(id, await readFile(video), 'clip.mp4');
    const done = await run('importUpload', { projectId: p.projectId, uploadId: id, content: 'fake', manipulation: 'deepfakes', sampling: { perVideo: 3 }, masksAs: 'reference', seed: 0, requestId: 'upload3' });
    expect(done.state).toBe('completed');
    expect(done.result).toMatchObject({ added: 3, issues: 0 });
    const frames = await db.db.sample.findMany({ where: { projectId: p.projectId, videoName: 'fake/deepfakes/clip.mp4' } });
    expect(frames.map((f) => [f.label, f.manipulation])).toEqual([['fake', 'deepfakes'], ['fake', 'deepfakes'], ['fake', 'deepfakes']]);
    expect(new Set(frames.map((f) => f.split)).size).toBe(1);

    const half = `${p.projectId}-half`;
    await uploaded(half, await readFile(video), 'clip.mp4', 100);
    const refused = await run('importUpload', { projectId: p.projectId, uploadId: half, content: 'real', sampling: { perVideo: 3 }, masksAs: 'reference', seed: 0, requestId: 'upload4' });
    expect(refused.state).toBe('failed');
    expect(refused.job.failedReason).toMatch(/is not complete: 100 of \d+ bytes arrived/);
  });

  it('a job cannot name another project\'s upload', () => {
    const payload = { projectId: p.projectId, uploadId: 'otherproject-abc', content: 'real', sampling: { perVideo: 3 }, masksAs: 'reference', requestId: 'x' };
    expect(JOBS.importUpload.payload.safeParse(payload).success).toBe(false);
    expect(JOBS.importUpload.payload.safeParse({ ...payload, uploadId: `${p.projectId}-abc` }).success).toBe(true);
  });
});
