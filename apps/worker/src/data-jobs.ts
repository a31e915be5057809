import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { importFaceForensics, importFolder, type BlobStorage, type ImportReport } from '@lae-studio/data';
import type { Db } from '@lae-studio/db';
import { generateIntoProject, projectSink } from '@lae-studio/ingest';
import type { JobPayload } from '@lae-studio/queue';

export type Progress = (p: { done: number; total: number; detail?: string }) => void;

/** Synthetic benchmark into a project (idempotent: a retry skips what is already there). */
export async function runGenerate(db: Db, storage: BlobStorage, p: JobPayload<'generateData'>, progress: Progress) {
  const r = await generateIntoProject(db, storage, {
    projectId: p.projectId,
    preset: p.preset,
    overrides: { seed: p.seed, size: p.size, counts: p.counts, version: p.version ?? 'v1' },
    onProgress: (g) => g.done % 25 === 0 && progress({ done: g.done, total: g.total, detail: `${g.added} added` }),
  });
  return { added: r.added, duplicates: r.duplicates, total: r.total };
}

export class ImportPathError extends Error {
  override name = 'ImportPathError';
}

/** Resolve a relative import path inside the import root, following symlinks: nothing outside it is read. */
export async function resolveImportPath(root: string, relative: string): Promise<string> {
  const base = await realpath(root).catch(() => {
    throw new ImportPathError(`the import root ${root} does not exist`);
  });
  const target = await realpath(path.resolve(base, relative)).catch(() => {
    throw new ImportPathError(`no such folder under the import root: ${relative}`);
  });
  if (target !== base && !target.startsWith(base + path.sep)) throw new ImportPathError(`${relative} leaves the import root`);
  return target;
}

export async function runImport(db: Db, storage: BlobStorage, importRoot: string, p: JobPayload<'importData'>, progress: Progress): Promise<Omit<ImportReport, 'issues'> & { issues: number; firstIssues: ImportReport['issues'] }> {
  const dir = await resolveImportPath(importRoot, p.path);
  const sink = projectSink(db, storage, { projectId: p.projectId, masksAs: p.masksAs });
  const onProgress = (x: { done: number; total: number; outcome: string }) => x.done % 25 === 0 && progress({ done: x.done, total: x.total, detail: x.outcome });
  const report = p.layout === 'folder' ? await importFolder(dir, sink, { seed: p.seed, onProgress }) : await importFaceForensics(dir, sink, { seed: p.seed, onProgress });
  return { ...report, issues: report.issues.length, firstIssues: report.issues.slice(0, 100) };
}
