import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { createMaskExport } from '../src/exports/create-mask-export.ts';
import { setMaskExportProgress, startMaskExport } from '../src/exports/start-mask-export.ts';
import { completeMaskExport, failMaskExport } from '../src/exports/finish-mask-export.ts';
import { getMaskExport, listMaskExports, listUnfinishedMaskExports } from '../src/exports/list-mask-exports.ts';
import { expireMaskExports } from '../src/exports/expire-mask-exports.ts';
import { makeProject, makeUser } from './annotation-fixtures.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const key = (c: string) => c.repeat(64);

describe('mask exports', () => {
  it('go queued → running → completed, with progress, and a late or duplicated job changes nothing', async () => {
    const { project } = await makeProject(t.db, { tasks: 0 });
    const admin = await makeUser(t.db, 'admin');
    const e = await createMaskExport(t.db, { projectId: project.id, format: 'label-studio', reference: true, createdById: admin.id });
    expect(e).toMatchObject({ status: 'queued', format: 'label-studio', reference: true, progress: 0, blobKey: null, createdById: admin.id });
    expect((await listUnfinishedMaskExports(t.db)).map((r) => r.id)).toContain(e.id);

    expect(await startMaskExport(t.db, { exportId: e.id })).toMatchObject({ id: e.id, status: 'running', format: 'label-studio' });
    await setMaskExportProgress(t.db, { exportId: e.id, progress: 0.5 });
    expect((await getMaskExport(t.db, { projectId: project.id, exportId: e.id })).progress).toBe(0.5);
    // A retry after a crash takes the running export up again, from 0.
    expect((await startMaskExport(t.db, { exportId: e.id }))?.progress).toBe(0);

    expect(await completeMaskExport(t.db, { exportId: e.id, blobKey: key('a'), bytes: 123, maskCount: 4, fileName: 'p-masks.label-studio.json' })).toBe(true);
    expect(await completeMaskExport(t.db, { exportId: e.id, blobKey: key('b'), bytes: 1, maskCount: 1, fileName: 'x' })).toBe(false);
    expect(await startMaskExport(t.db, { exportId: e.id })).toBeNull();
    expect(await failMaskExport(t.db, { exportId: e.id, error: 'late' })).toBe(false);
    await setMaskExportProgress(t.db, { exportId: e.id, progress: 0.1 });
    const done = await getMaskExport(t.db, { projectId: project.id, exportId: e.id });
    expect(done).toMatchObject({ status: 'completed', progress: 1, blobKey: key('a'), bytes: 123, maskCount: 4, fileName: 'p-masks.label-studio.json', error: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect((await listUnfinishedMaskExports(t.db)).map((r) => r.id)).not.toContain(e.id);
    expect(await startMaskExport(t.db, { exportId: 'missing' })).toBeNull();
  });

  it('fail with a message, are listed newest first, and are not found from another project', async () => {
    const { project } = await makeProject(t.db, { tasks: 0 });
    const { project: other } = await makeProject(t.db, { tasks: 0 });
    const a = await createMaskExport(t.db, { projectId: project.id, format: 'png', reference: false, createdById: null });
    const b = await createMaskExport(t.db, { projectId: project.id, format: 'coco', reference: false, createdById: null });
    expect(await failMaskExport(t.db, { exportId: a.id, error: 'x'.repeat(3000) })).toBe(true);
    const failed = await getMaskExport(t.db, { projectId: project.id, exportId: a.id });
    expect(failed.status).toBe('failed');
    expect(failed.error).toHaveLength(2000);
    expect(await startMaskExport(t.db, { exportId: a.id })).toBeNull();
    expect((await listMaskExports(t.db, { projectId: project.id })).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(await listMaskExports(t.db, { projectId: other.id })).toEqual([]);
    await expect(getMaskExport(t.db, { projectId: other.id, exportId: a.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(createMaskExport(t.db, { projectId: 'nope', format: 'png', reference: false, createdById: null })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('expire after the TTL, releasing a storage key only when no live export shares it', async () => {
    const { project } = await makeProject(t.db, { tasks: 0 });
    const old = new Date(Date.now() - 10 * 86_400_000);
    const made = async (blobKey: string, createdAt: Date) => {
      const e = await createMaskExport(t.db, { projectId: project.id, format: 'coco', reference: false, createdById: null });
      await startMaskExport(t.db, { exportId: e.id });
      await completeMaskExport(t.db, { exportId: e.id, blobKey, bytes: 10, maskCount: 1, fileName: 'f' });
      await t.db.maskExport.update({ where: { id: e.id }, data: { createdAt } });
      return e.id;
    };
    const lonely = await made(key('c'), old);
    const sharedOld = await made(key('d'), old);
    const sharedNew = await made(key('d'), new Date());
    const queuedOld = (await createMaskExport(t.db, { projectId: project.id, format: 'png', reference: false, createdById: null })).id;
    await t.db.maskExport.update({ where: { id: queuedOld }, data: { createdAt: old } });

    const cutoff = new Date(Date.now() - 7 * 86_400_000);
    const first = await expireMaskExports(t.db, { olderThan: cutoff });
    expect(first).toEqual({ expired: 2, releasedKeys: [key('c')] });
    const status = async (id: string) => (await getMaskExport(t.db, { projectId: project.id, exportId: id })).status;
    expect([await status(lonely), await status(sharedOld), await status(sharedNew), await status(queuedOld)]).toEqual(['expired', 'expired', 'completed', 'queued']);
    expect(await expireMaskExports(t.db, { olderThan: cutoff })).toEqual({ expired: 0, releasedKeys: [] });

    // The last export naming the shared key expires: now it is released.
    // (Other tests' exports in this database expire with it.)
    const last = await expireMaskExports(t.db, { olderThan: new Date(Date.now() + 1000) });
    expect(last.releasedKeys).toContain(key('d'));
    expect(await status(sharedNew)).toBe('expired');
  });
});
