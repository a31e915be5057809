import type { BlobStorage } from '@lae-studio/datasets';
import { completeMaskExport, findProject, setMaskExportProgress, startMaskExport, type Db } from '@lae-studio/db';
import { exportFileName, exportProjectMasks, packExport } from '@lae-studio/project-data';
import type { JobPayload } from '@lae-studio/queue';
import type { Progress } from './data-jobs.ts';

// The `exportMasks` job: a MaskExport row's file, built from Postgres, put into blob storage, then the row
// completed. Idempotent: a completed (or failed, expired) export is left alone; a retry after a crash takes the
// same row up again and, since the file is dated by the row's createdAt, writes the very same bytes (same key).

/** Share of the progress bar the mask decoding takes; packing and storing take the rest. */
const DECODE_SHARE = 0.9;
/** Progress is written to Postgres at most this often (the Data page polls it). */
const PROGRESS_EVERY_MS = 500;

/** A human line for an export that failed for good (shown on the Data page). */
export function exportFailureMessage(reason: string | undefined): string {
  return `The export could not be built: ${reason || 'the worker gave no reason'}. Start a new export; if it fails again, the worker's log says more.`;
}

export async function runMaskExport(db: Db, storage: BlobStorage, p: JobPayload<'exportMasks'>, progress: Progress) {
  const row = await startMaskExport(db, { exportId: p.exportId });
  if (!row) return { exportId: p.exportId, skipped: true };
  const project = await findProject(db, { projectId: row.projectId });
  if (!project) return { exportId: p.exportId, skipped: true };

  let written = 0;
  const report = (fraction: number, force = false) => {
    if (!force && Date.now() - written < PROGRESS_EVERY_MS) return;
    written = Date.now();
    // Fire and forget: a progress write never holds the export up, and one landing late is ignored once the row has finished.
    void setMaskExportProgress(db, { exportId: row.id, progress: fraction }).catch(() => undefined);
  };
  const { files, masks } = await exportProjectMasks(db, {
    projectId: row.projectId,
    format: row.format,
    reference: row.reference,
    exportedAt: row.createdAt,
    storage,
    onProgress: ({ done, total }) => {
      progress({ done, total, unit: 'masks' });
      report((DECODE_SHARE * done) / Math.max(1, total), done === total);
    },
  });
  const bytes = packExport(row.format, files, row.createdAt);
  report(DECODE_SHARE, true);
  const { key } = await storage.put(bytes);
  const fileName = exportFileName(project.slug, row);
  const completed = await completeMaskExport(db, { exportId: row.id, blobKey: key, bytes: bytes.byteLength, maskCount: masks, fileName });
  // Exports with identical bytes share a key: an expiry that released this key between our put and our
  // completion (its own export named it, ours was not yet live) may have deleted the blob. Put it back.
  if (completed && !(await storage.has(key))) await storage.put(bytes);
  return { exportId: row.id, masks, bytes: bytes.byteLength, completed };
}
