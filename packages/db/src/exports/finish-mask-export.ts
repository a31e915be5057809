import type { Db } from '../client.ts';
import { UNFINISHED_EXPORT_STATUSES } from './mask-export-row.ts';

/**
 * The file is in storage: running → completed with what the download needs. False when the export was no
 * longer running (another attempt finished it, or it failed meanwhile): nothing changes then.
 */
export async function completeMaskExport(db: Db, opts: { exportId: string; blobKey: string; bytes: number; maskCount: number; fileName: string }): Promise<boolean> {
  const { count } = await db.maskExport.updateMany({
    where: { id: opts.exportId, status: 'running' },
    data: { status: 'completed', progress: 1, blobKey: opts.blobKey, bytes: opts.bytes, maskCount: opts.maskCount, fileName: opts.fileName, finishedAt: new Date(), error: null },
  });
  return count === 1;
}

/** The job failed for good: queued or running → failed, with a message for people. False when it had already finished. */
export async function failMaskExport(db: Db, opts: { exportId: string; error: string }): Promise<boolean> {
  const { count } = await db.maskExport.updateMany({
    where: { id: opts.exportId, status: { in: [...UNFINISHED_EXPORT_STATUSES] } },
    data: { status: 'failed', error: opts.error.slice(0, 2000), finishedAt: new Date() },
  });
  return count === 1;
}
