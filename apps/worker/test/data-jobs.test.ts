import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveImportPath, ImportPathError } from '../src/data-jobs.ts';
import { JOBS } from '@lae-studio/queue';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'lae-import-root-'));
  await mkdir(path.join(root, 'ok', 'inner'), { recursive: true });
  await symlink('/etc', path.join(root, 'escape'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('server-side import paths', () => {
  it('resolve inside the import root only', async () => {
    expect(await resolveImportPath(root, 'ok/inner')).toBe(path.join(await import('node:fs/promises').then((f) => f.realpath(root)), 'ok', 'inner'));
    await expect(resolveImportPath(root, '../')).rejects.toBeInstanceOf(ImportPathError);
    await expect(resolveImportPath(root, 'escape')).rejects.toThrow(/leaves the import root/);
    await expect(resolveImportPath(root, 'missing')).rejects.toThrow(/no such folder/);
  });

  it('are refused already by the job schema when absolute or climbing', () => {
    const base = { projectId: 'p1', layout: 'folder', masksAs: 'training', requestId: 'r1' };
    expect(JOBS.importData.payload.safeParse({ ...base, path: '/etc' }).success).toBe(false);
    expect(JOBS.importData.payload.safeParse({ ...base, path: 'a/../../b' }).success).toBe(false);
    expect(JOBS.importData.payload.safeParse({ ...base, path: 'batch-1/faces' }).success).toBe(true);
  });
});
