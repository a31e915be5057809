import { encodeMaskPng, maskArea, type BinaryMask } from '@lae-studio/mask-codec';
import { uniqueStems } from './file-names.ts';

export interface MaskExportRecord {
  /** Sample id (or any unique name); becomes the file name. */
  id: string;
  mask: BinaryMask;
  /** Name of the image file the mask belongs to, written to the manifest. */
  image?: string;
  label?: string;
  manipulation?: string | null;
  split?: string;
}

export interface ExportFile {
  /** POSIX path relative to the export folder. */
  path: string;
  bytes: Uint8Array;
}

/** CSV field quoting per RFC 4180. */
function csv(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Masks as lossless PNG files (`masks/<id>.png`, 8-bit 0/255 by default so any viewer shows them, or 1-bit)
 * plus `manifest.csv` (file, image, size, area, label, manipulation, split). Pure: returns the files.
 */
export function exportMaskPngs(records: readonly MaskExportRecord[], options: { bitDepth?: 1 | 8 } = {}): ExportFile[] {
  const stems = uniqueStems(records.map((r) => r.id));
  const files: ExportFile[] = [];
  const rows = ['file,id,image,width,height,area,label,manipulation,split'];
  records.forEach((r, i) => {
    const file = `masks/${stems[i]}.png`;
    files.push({ path: file, bytes: encodeMaskPng(r.mask, { bitDepth: options.bitDepth ?? 8 }) });
    rows.push([file, r.id, r.image, r.mask.width, r.mask.height, maskArea(r.mask), r.label, r.manipulation, r.split].map(csv).join(','));
  });
  files.push({ path: 'manifest.csv', bytes: new TextEncoder().encode(`${rows.join('\n')}\n`) });
  return files;
}
