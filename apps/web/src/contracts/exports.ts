import { z } from 'zod';
import { MASK_EXPORT_FORMATS, MASK_EXPORT_STATUSES } from '@lae-studio/db/schemas';
import { defineContract, id, noBody, timestamp } from './define-contract';

// /api/admin/projects/[projectId]/exports…: mask exports built by the worker, kept for a while, downloaded.
// The download (…/exports/[exportId]/download) is the file itself, streamed from storage: no JSON contract.

export const maskExport = z.object({
  id,
  format: z.enum(MASK_EXPORT_FORMATS),
  reference: z.boolean(),
  status: z.enum(MASK_EXPORT_STATUSES),
  /** 0..1 */
  progress: z.number().min(0).max(1),
  maskCount: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  fileName: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
export type MaskExportItem = z.output<typeof maskExport>;
/** An export row as clients see it: the schema keeps its fields and drops the rest (storage key, creator id). */
export const toMaskExportItem = (row: z.input<typeof maskExport>): MaskExportItem => maskExport.parse(row);

/** Start an export: the worker builds it; poll the list for its progress. */
export const startExport = defineContract({
  method: 'POST',
  request: z.object({ format: z.enum(MASK_EXPORT_FORMATS, { error: 'format must be png, coco or label-studio.' }), reference: z.boolean().default(false) }).strict(),
  response: z.object({ exportId: id }),
});

/** The project's exports, newest first. */
export const listExports = defineContract({ method: 'GET', request: noBody, response: z.object({ exports: z.array(maskExport) }) });
