import path from 'node:path';
import { realpath } from 'node:fs/promises';
import { importFaceForensics, importFolder, readMaskSource, type BlobStorage, type ImportIssue, type ImportReport } from '@lae-studio/datasets';
import type { Db } from '@lae-studio/db';
import { generateIntoProject, importMasksIntoProject, importVideosIntoProject, projectSink } from '@lae-studio/project-data';
import { isDataJob, type DataJobKey, type JobPayload, type ParsedJob } from '@lae-studio/queue';
import { runMaskExport } from './export-masks.ts';
import { runUploadImport } from './import-upload.ts';

/** What the data page shows while a job runs: done of total units (images, masks or frames). */
export type Progress = (p: { done: number; total: number; detail?: string; unit?: 'images' | 'masks' | 'frames' | 'files' }) => void;

/** At most this many skipped files are kept in a job's result (the count is always exact). */
const ISSUES_KEPT = 100;
const summarize = (issues: ImportIssue[]) => ({ issues: issues.length, firstIssues: issues.slice(0, ISSUES_KEPT) });
/** Progress every `every` units and at the end, so Redis is not written for each frame. */
const throttled = (progress: Progress, unit: 'images' | 'masks' | 'frames', every: number) => (x: { done: number; total: number; outcome: string }) =>
  (x.done % every === 0 || x.done === x.total) && progress({ done: x.done, total: x.total, detail: x.outcome, unit });

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
    throw new ImportPathError(`no such folder or file under the import root: ${relative}`);
  });
  if (target !== base && !target.startsWith(base + path.sep)) throw new ImportPathError(`${relative} leaves the import root`);
  return target;
}

export async function runImport(db: Db, storage: BlobStorage, importRoot: string, p: JobPayload<'importData'>, progress: Progress): Promise<Omit<ImportReport, 'issues'> & { issues: number; firstIssues: ImportReport['issues'] }> {
  const dir = await resolveImportPath(importRoot, p.path);
  const sink = projectSink(db, storage, { projectId: p.projectId, masksAs: p.masksAs });
  const onProgress = (x: { done: number; total: number; outcome: string }) => x.done % 25 === 0 && progress({ done: x.done, total: x.total, detail: x.outcome });
  const report = p.layout === 'folder' ? await importFolder(dir, sink, { seed: p.seed, onProgress }) : await importFaceForensics(dir, sink, { seed: p.seed, onProgress });
  return { ...report, ...summarize(report.issues) };
}

/** COCO / Label Studio JSON or a PNG folder under the import root onto the project's samples. */
export async function runMaskImport(db: Db, importRoot: string, p: JobPayload<'importMasks'>, progress: Progress) {
  const target = await resolveImportPath(importRoot, p.path);
  const masks = await readMaskSource(target, p.format, { name: p.path });
  const report = await importMasksIntoProject(db, { projectId: p.projectId, masks, masksAs: p.masksAs, onProgress: throttled(progress, 'masks', 25) });
  return { ...report, ...summarize(report.issues) };
}

/** A folder of videos under the import root, sampled into frames. */
export async function runVideoImport(db: Db, storage: BlobStorage, importRoot: string, p: JobPayload<'importVideos'>, progress: Progress) {
  const dir = await resolveImportPath(importRoot, p.path);
  const report = await importVideosIntoProject(db, storage, dir, { projectId: p.projectId, masksAs: p.masksAs, layout: p.layout, sampling: p.sampling, seed: p.seed, onProgress: throttled(progress, 'frames', 10) });
  return { ...report, ...summarize(report.issues) };
}

/** A validated data job (imports, generation, exports): run by the pool itself, outside the loop's steps. */
export type DataJob = Extract<ParsedJob, { key: DataJobKey }>;

/** Whether a validated job is a data job (narrows `job`, so its payload needs no cast). */
export function isDataJobOf(job: ParsedJob): job is DataJob {
  return isDataJob(job.key);
}

/** Run one data job; its result is what the job returns (and the data page shows). */
export function runDataJob(ctx: { db: Db; storage: BlobStorage; importRoot: string; uploads: string | null }, job: DataJob, progress: Progress): Promise<unknown> {
  switch (job.key) {
    case 'generateData':
      return runGenerate(ctx.db, ctx.storage, job.payload, progress);
    case 'importData':
      return runImport(ctx.db, ctx.storage, ctx.importRoot, job.payload, progress);
    case 'importMasks':
      return runMaskImport(ctx.db, ctx.importRoot, job.payload, progress);
    case 'importVideos':
      return runVideoImport(ctx.db, ctx.storage, ctx.importRoot, job.payload, progress);
    case 'importUpload':
      return runUploadImport(ctx.db, ctx.storage, ctx.uploads, job.payload, progress).then((r) => ({ ...r, ...summarize(r.issues) }));
    case 'exportMasks':
      return runMaskExport(ctx.db, ctx.storage, job.payload, progress);
  }
}
