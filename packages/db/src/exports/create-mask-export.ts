import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { MaskExportFormat } from './mask-export-formats.ts';
import { toMaskExportRow, toStoredFormat, type MaskExportRow } from './mask-export-row.ts';

/** A queued export of the project's masks; the caller enqueues its `exportMasks` job. */
export async function createMaskExport(db: Db, opts: { projectId: string; format: MaskExportFormat; reference: boolean; createdById: string | null }): Promise<MaskExportRow> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { id: true } });
  if (!project) throw new DomainError('not_found', 'No such project.');
  const row = await db.maskExport.create({ data: { projectId: project.id, format: toStoredFormat(opts.format), reference: opts.reference, createdById: opts.createdById } });
  return toMaskExportRow(row);
}
