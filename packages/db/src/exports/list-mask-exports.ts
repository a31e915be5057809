import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import { toMaskExportRow, UNFINISHED_EXPORT_STATUSES, type MaskExportRow } from './mask-export-row.ts';

/** A project's exports, newest first (expired ones too: the list says what happened to them). */
export async function listMaskExports(db: Db, opts: { projectId: string; limit?: number }): Promise<MaskExportRow[]> {
  const rows = await db.maskExport.findMany({ where: { projectId: opts.projectId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: opts.limit ?? 50 });
  return rows.map(toMaskExportRow);
}

/** Every export the worker still owes (queued or running), oldest first: what the reconciler checks against the queue. */
export async function listUnfinishedMaskExports(db: Db): Promise<MaskExportRow[]> {
  const rows = await db.maskExport.findMany({ where: { status: { in: [...UNFINISHED_EXPORT_STATUSES] } }, orderBy: { createdAt: 'asc' } });
  return rows.map(toMaskExportRow);
}

/** One export of this project; another project's export is "not found", as a missing one is. */
export async function getMaskExport(db: Db, opts: { projectId: string; exportId: string }): Promise<MaskExportRow> {
  const row = await db.maskExport.findFirst({ where: { id: opts.exportId, projectId: opts.projectId } });
  if (!row) throw new DomainError('not_found', 'No such export.');
  return toMaskExportRow(row);
}
