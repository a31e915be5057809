import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMaskSource, writeExportFiles, type MaskFormat } from '@lae-studio/datasets';
import { createMaskExport, getMaskExport, type MaskExportFormat } from '@lae-studio/db';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { decodeStoredMask, importMasksIntoProject } from '@lae-studio/project-data';
import { tinyProject, type TinyProject } from '@lae-studio/loop/testing';
import { masksEqual } from '@lae-studio/mask-codec';
import { JOBS, jobIdFor, type JobProducer } from '@lae-studio/queue';
import { startWorkers } from '../src/worker-pool.ts';
import { reconcileExports } from '../src/reconcile-exports.ts';
import { runMaskExport } from '../src/export-masks.ts';
import { newRedis, prefix, producer as makeProducer, quietLog, waitFor } from './harness.ts';

// The exportMasks job end to end: a real worker pool on real Redis and Postgres builds each format, the file
// in storage imports back (through the mask importers) to the very masks exported; retries and the reconciler
// finish the same row with the same bytes; a failure on the last attempt says why; old exports expire.

const counts = { train: 10, val: 2, test: 4 };
let db: TestDatabase;
let producer: JobProducer;
let source: TinyProject;
let root: string;
let pool: ReturnType<typeof startWorkers>;
const twins: TinyProject[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  producer = makeProducer();
  await newRedis().flushdb();
  source = await tinyProject({ db, counts });
  root = await mkdtemp(path.join(tmpdir(), 'lae-export-jobs-'));
  pool = startWorkers({ queues: ['data'], concurrency: 1, lockMs: 30_000, importRoot: root, prefix, connection: newRedis(), producer, ctx: source.ctx, log: quietLog });
});
afterAll(async () => {
  await pool.close();
  await producer.close();
  for (const t of twins) await t.cleanup();
  await source.cleanup();
  await db.drop();
  await rm(root, { recursive: true, force: true });
});

async function exportAndWait(format: MaskExportFormat, projectId = source.projectId, opts: { attempts?: number } = {}) {
  const row = await createMaskExport(db.db, { projectId, format, reference: true, createdById: null });
  await producer.enqueue('exportMasks', { exportId: row.id }, opts.attempts ? { attempts: opts.attempts } : {});
  return waitFor(`export ${format} finished`, async () => {
    const r = await getMaskExport(db.db, { projectId, exportId: row.id });
    return r.status === 'completed' || r.status === 'failed' ? r : null;
  });
}

/** The stored file written out as the mask importers read it: a folder for PNG zips, the JSON file otherwise. */
async function unpack(format: MaskExportFormat, bytes: Uint8Array): Promise<[string, MaskFormat]> {
  const dir = await mkdtemp(path.join(root, `${format}-`));
  if (format === 'png') {
    await writeExportFiles(dir, Object.entries(unzipSync(bytes)).map(([p, b]) => ({ path: p, bytes: b })));
    return [dir, 'png-folder'];
  }
  await writeFile(path.join(dir, 'export.json'), bytes);
  return [path.join(dir, 'export.json'), format];
}

async function referenceMasksByName(projectId: string, reference: boolean) {
  const samples = await db.db.sample.findMany({ where: { projectId }, include: { masks: { where: { reference }, orderBy: { version: 'desc' }, take: 1 } } });
  return new Map(samples.filter((s) => s.masks[0]).map((s) => [s.sourceName!, decodeStoredMask(s.masks[0]!)]));
}

describe('exportMasks jobs (worker on real Redis and Postgres)', () => {
  for (const format of ['png', 'coco', 'label-studio'] as const) {
    it(`${format}: completes with its file in storage, which imports back to the same masks`, async () => {
      const done = await exportAndWait(format);
      expect(done).toMatchObject({ status: 'completed', progress: 1, error: null });
      expect(done.maskCount).toBeGreaterThan(0);
      expect(done.fileName).toMatch(new RegExp(`^tiny-[a-z0-9]+-masks-reference-\\d{8}-\\d{4}\\.${format === 'png' ? 'zip' : `${format}\\.json`}$`));
      const bytes = await source.ctx.storage.get(done.blobKey!);
      expect(bytes.byteLength).toBe(done.bytes);
      const job = await producer.queue(JOBS.exportMasks.queue).getJob(jobIdFor('exportMasks', { exportId: done.id }));
      expect(job?.progress).toMatchObject({ done: done.maskCount, total: done.maskCount, unit: 'masks', percent: 100 });

      // Round trip: a twin project (same generated samples) imports the file as training masks.
      const twin = await tinyProject({ db, counts });
      twins.push(twin);
      const [file, importFormat] = await unpack(format, bytes);
      const report = await importMasksIntoProject(db.db, { projectId: twin.projectId, masks: await readMaskSource(file, importFormat), masksAs: 'training' });
      expect(report).toMatchObject({ added: done.maskCount, issues: [] });
      const expected = await referenceMasksByName(source.projectId, true);
      const imported = await referenceMasksByName(twin.projectId, false);
      expect(expected.size).toBe(done.maskCount);
      expect([...imported.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [name, mask] of expected) expect(masksEqual(imported.get(name)!, mask), name).toBe(true);
    });
  }

  it('never rebuilds a completed export; a retry after a crash (or a job Redis lost) finishes the same row with the same bytes', async () => {
    const done = await exportAndWait('png');
    // A duplicated job finds the export completed and does nothing.
    expect(await runMaskExport(db.db, source.ctx.storage, { exportId: done.id }, () => undefined)).toEqual({ exportId: done.id, skipped: true });
    expect(await getMaskExport(db.db, { projectId: source.projectId, exportId: done.id })).toEqual(done);

    // As a worker killed mid-build leaves it: running, half done, and Redis has lost its job.
    await db.db.maskExport.update({ where: { id: done.id }, data: { status: 'running', progress: 0.4, blobKey: null, bytes: null, finishedAt: null } });
    await producer.queue(JOBS.exportMasks.queue).remove(jobIdFor('exportMasks', { exportId: done.id }));
    const reconciled = await reconcileExports(source.ctx, producer, { ttlMs: 7 * 86_400_000 });
    expect(reconciled.requeuedExports).toBe(1);
    const again = await waitFor('re-run export completed', async () => {
      const r = await getMaskExport(db.db, { projectId: source.projectId, exportId: done.id });
      return r.status === 'completed' ? r : null;
    });
    expect(again).toMatchObject({ blobKey: done.blobKey, bytes: done.bytes, maskCount: done.maskCount, fileName: done.fileName });
    expect(await reconcileExports(source.ctx, producer, { ttlMs: 7 * 86_400_000 })).toMatchObject({ requeuedExports: 0 });
  });

  it('marks an export failed, with a message, when its last attempt fails', async () => {
    const broken = await tinyProject({ db, counts });
    twins.push(broken);
    const mask = await db.db.mask.findFirstOrThrow({ where: { sample: { projectId: broken.projectId }, reference: true } });
    await db.db.mask.update({ where: { id: mask.id }, data: { encoding: 'png', data: new Uint8Array([1, 2, 3]) } });
    const failed = await exportAndWait('coco', broken.projectId, { attempts: 1 });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^The export could not be built: .+/);
    expect(failed.blobKey).toBeNull();
  });

  it('expires exports older than the TTL and deletes their files', async () => {
    const done = await exportAndWait('label-studio');
    expect(await source.ctx.storage.has(done.blobKey!)).toBe(true);
    // Every earlier label-studio export of these masks has identical bytes: the file goes only when all of them have expired.
    const result = await reconcileExports(source.ctx, producer, { ttlMs: 7 * 86_400_000, now: new Date(Date.now() + 8 * 86_400_000) });
    expect(result.expiredExports).toBeGreaterThanOrEqual(2);
    expect(result.deletedExportFiles).toBeGreaterThanOrEqual(1);
    expect(await getMaskExport(db.db, { projectId: source.projectId, exportId: done.id })).toMatchObject({ status: 'expired' });
    expect(await source.ctx.storage.has(done.blobKey!)).toBe(false);
  });
});
