import type { Db } from '../client.ts';
import { toMaskExportRow, UNFINISHED_EXPORT_STATUSES, type MaskExportRow } from './mask-export-row.ts';

/**
 * The worker takes the export up: queued (or running, when a crashed attempt is retried) → running, progress
 * from 0 again. Null when there is nothing to do: the export is gone, or already completed, failed or expired
 * (a duplicated or late job must not build it twice).
 */
export async function startMaskExport(db: Db, opts: { exportId: string }): Promise<MaskExportRow | null> {
  const { count } = await db.maskExport.updateMany({
    where: { id: opts.exportId, status: { in: [...UNFINISHED_EXPORT_STATUSES] } },
    data: { status: 'running', progress: 0, error: null },
  });
  if (count === 0) return null;
  const row = await db.maskExport.findUnique({ where: { id: opts.exportId } });
  return row && row.status === 'running' ? toMaskExportRow(row) : null;
}

/** How far a running export is (0..1); ignored once it has finished. */
export async function setMaskExportProgress(db: Db, opts: { exportId: string; progress: number }): Promise<void> {
  const progress = Math.min(1, Math.max(0, opts.progress));
  await db.maskExport.updateMany({ where: { id: opts.exportId, status: 'running' }, data: { progress } });
}
