import { zipSync } from 'fflate';
import type { ExportFile } from '@lae-studio/datasets';
import type { ExportFormat } from './export-project.ts';

// What an export's downloadable file is: its name, content type and bytes. Shared by the worker that builds it
// and the route that serves it.

const EXTENSIONS: Record<ExportFormat, string> = { png: 'zip', coco: 'coco.json', 'label-studio': 'label-studio.json' };

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = { png: 'application/zip', coco: 'application/json', 'label-studio': 'application/json' };

/** `<slug>-masks[-reference]-<yyyymmdd-hhmm>.<zip|coco.json|label-studio.json>` */
export function exportFileName(slug: string, row: { format: ExportFormat; reference: boolean; createdAt: Date }): string {
  const stamp = row.createdAt.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${slug}-masks${row.reference ? '-reference' : ''}-${stamp}.${EXTENSIONS[row.format]}`;
}

/** PNG masks go into one zip (stored, not deflated: PNGs are compressed already); a JSON export is its one file. */
export function packExport(format: ExportFormat, files: ExportFile[], exportedAt: Date): Uint8Array {
  if (format !== 'png') return files[0]!.bytes;
  // Entries dated by the export, not by now: a retried export packs identical bytes.
  return zipSync(Object.fromEntries(files.map((f) => [f.path, [f.bytes, { mtime: exportedAt }]])), { level: 0, mtime: exportedAt });
}
