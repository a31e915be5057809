import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { importFaceForensics, importFolder, isVideoPath, unzipTo, walkFiles, IMAGE_EXTENSIONS, type BlobStorage, type ImportIssue, type ImportReport } from '@lae-studio/datasets';
import type { Db } from '@lae-studio/db';
import { importVideosIntoProject, projectSink } from '@lae-studio/project-data';
import type { JobPayload } from '@lae-studio/queue';
import { FileStore } from '@tus/file-store';
import type { Progress } from './data-jobs.ts';

export class UploadError extends Error {
  override name = 'UploadError';
}

/** An uploaded file's name, reduced to one safe path segment (the browser sends whatever the user's disk had). */
export function safeFileName(name: string | null | undefined): string {
  const base = path.basename((name ?? '').replaceAll('\\', '/')).replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '');
  return base.slice(-120) || 'upload';
}

/**
 * Import one browser upload. A zip is extracted (limits, no symlinks, no path escapes) into a staging folder
 * beside it; a single file is placed in the folder layout under its label. Images go through the folder or
 * FaceForensics++ importer, videos through the video importer, both into the same report. The staging folder
 * is removed whatever happens; the upload itself once its import succeeded (a retry still finds it).
 */
export async function runUploadImport(db: Db, storage: BlobStorage, uploads: string | null, p: JobPayload<'importUpload'>, progress: Progress) {
  if (!uploads) throw new UploadError('browser uploads need the local storage driver (STORAGE_DRIVER=local)');
  // Read through the web app's own tus store: it knows how much arrived (the file's length) and the metadata.
  const store = new FileStore({ directory: uploads });
  const upload = await store.getUpload(p.uploadId).catch(() => null);
  if (!upload) throw new UploadError(`no upload ${p.uploadId} (expired, or already imported)`);
  if (upload.size === undefined || upload.offset !== upload.size) throw new UploadError(`upload ${p.uploadId} is not complete: ${upload.offset} of ${upload.size ?? '?'} bytes arrived`);
  const file = path.join(uploads, p.uploadId);
  const name = safeFileName(upload.metadata?.filename);
  const stage = `${file}.import`;
  await rm(stage, { recursive: true, force: true });
  const issues: ImportIssue[] = [];
  try {
    if (p.content === 'folder' || p.content === 'faceforensics') {
      if (!name.toLowerCase().endsWith('.zip')) throw new UploadError(`${name}: a ${p.content === 'folder' ? 'folder layout' : 'FaceForensics++ tree'} is uploaded as a .zip`);
      const unzipped = await unzipTo(file, stage, undefined, (done, total) => progress({ done, total, unit: 'files', detail: 'extracting' }));
      issues.push(...unzipped.issues);
    } else {
      const lower = name.toLowerCase();
      if (!isVideoPath(lower) && !IMAGE_EXTENSIONS.includes(path.extname(lower))) throw new UploadError(`${name}: a single upload is an image (${IMAGE_EXTENSIONS.join(', ')}) or a video; a folder is uploaded as a .zip`);
      const dir = p.content === 'real' ? path.join(stage, 'real') : path.join(stage, 'fake', p.manipulation ?? 'uploaded');
      await mkdir(dir, { recursive: true });
      await copyFile(file, path.join(dir, name));
    }
    const { files } = await walkFiles(stage);
    const layout = p.content === 'faceforensics' ? 'faceforensics' : 'folder';
    const reports: Omit<ImportReport, 'issues'>[] = [];
    if (files.some((f) => IMAGE_EXTENSIONS.includes(path.extname(f).toLowerCase()))) {
      const sink = projectSink(db, storage, { projectId: p.projectId, masksAs: p.masksAs });
      const onProgress = (x: { done: number; total: number; outcome: string }) => (x.done % 25 === 0 || x.done === x.total) && progress({ done: x.done, total: x.total, unit: 'images', detail: x.outcome });
      const r = layout === 'folder' ? await importFolder(stage, sink, { seed: p.seed, onProgress }) : await importFaceForensics(stage, sink, { seed: p.seed, onProgress });
      issues.push(...r.issues);
      reports.push(r);
    }
    if (files.some(isVideoPath)) {
      const r = await importVideosIntoProject(db, storage, stage, {
        projectId: p.projectId,
        masksAs: p.masksAs,
        layout,
        sampling: p.sampling,
        seed: p.seed,
        onProgress: (x) => (x.done % 10 === 0 || x.done === x.total) && progress({ done: x.done, total: x.total, unit: 'frames', detail: x.outcome }),
      });
      issues.push(...r.issues);
      reports.push(r);
    }
    if (!reports.length) throw new UploadError(`${name}: nothing to import (no ${IMAGE_EXTENSIONS.join(', ')} images or videos in it)`);
    const sum = (k: 'scanned' | 'added' | 'duplicates' | 'masks') => reports.reduce((n, r) => n + r[k], 0);
    const report = { file: name, scanned: sum('scanned'), added: sum('added'), duplicates: sum('duplicates'), masks: sum('masks'), issues };
    await store.remove(p.uploadId);
    return report;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
