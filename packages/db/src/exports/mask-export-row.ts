import type { MaskExport, MaskExportFormat as StoredFormat } from '../generated/prisma/client.ts';
import type { MaskExportFormat, MaskExportStatus } from './mask-export-formats.ts';

// A mask export as the apps see it. The format is named as the tools name it ('label-studio'); Prisma's enum
// cannot spell a hyphen, so the column's value is mapped here and nowhere else.

/** Statuses the worker still has to act on (the reconciler keeps a job alive for each). */
export const UNFINISHED_EXPORT_STATUSES = ['queued', 'running'] as const satisfies readonly MaskExportStatus[];

export interface MaskExportRow {
  id: string;
  projectId: string;
  format: MaskExportFormat;
  reference: boolean;
  status: MaskExportStatus;
  /** 0..1 */
  progress: number;
  maskCount: number | null;
  bytes: number | null;
  blobKey: string | null;
  fileName: string | null;
  error: string | null;
  createdById: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export const toStoredFormat = (f: MaskExportFormat): StoredFormat => (f === 'label-studio' ? 'label_studio' : f);

export function toMaskExportRow(r: MaskExport): MaskExportRow {
  return { ...r, format: r.format === 'label_studio' ? 'label-studio' : r.format };
}
