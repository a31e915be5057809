import { exportCoco, exportMaskPngs, toLabelStudioBrushResult, type BlobStorage, type ExportFile } from '@lae-studio/datasets';
import { listMaskedFakes, type Db } from '@lae-studio/db';
import type { BinaryMask } from '@lae-studio/mask-codec';
import { imageFileName } from './export-file-names.ts';
import { decodeStoredMask } from './stored-mask.ts';

export type ExportFormat = 'png' | 'coco' | 'label-studio';

interface Row {
  id: string;
  /** The image's file name, extension included. */
  image: string;
  label: string;
  manipulation: string | null;
  split: string;
  width: number;
  height: number;
  mask: BinaryMask;
}

export interface ExportOptions {
  projectId: string;
  format: ExportFormat;
  reference?: boolean;
  /** COCO's `info.date_created`; default now. A job passes its export's own time, so a retry writes the same bytes. */
  exportedAt?: Date;
  /** Reads the extension of images whose name has none (see export-file-names.ts). */
  storage?: BlobStorage;
  /** Masks decoded so far, of the total. */
  onProgress?: (p: { done: number; total: number }) => void;
}

/** The masks that count: the latest non-reference mask a reviewer did not reject (or the reference ones). */
async function collect(db: Db, o: ExportOptions): Promise<Row[]> {
  const samples = await listMaskedFakes(db, { projectId: o.projectId, reference: o.reference ?? false });
  const rows: Row[] = [];
  for (const s of samples) {
    rows.push({ id: s.id, image: await imageFileName(s, o.storage), label: s.label, manipulation: s.manipulation, split: s.split, width: s.width, height: s.height, mask: decodeStoredMask(s.mask) });
    o.onProgress?.({ done: rows.length, total: samples.length });
  }
  return rows;
}

/** A project's masks as files: PNGs + manifest, COCO JSON with RLE, or Label Studio brush tasks. */
export async function exportProjectMasks(db: Db, opts: ExportOptions): Promise<{ files: ExportFile[]; masks: number }> {
  const rows = await collect(db, opts);
  const json = (path: string, value: unknown): ExportFile => ({ path, bytes: new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n') });
  switch (opts.format) {
    case 'png':
      return { files: exportMaskPngs(rows.map((r) => ({ id: r.id, mask: r.mask, image: r.image, label: r.label, manipulation: r.manipulation, split: r.split }))), masks: rows.length };
    case 'coco': {
      const dataset = exportCoco(
        rows.map((r, i) => ({ id: i + 1, fileName: r.image, width: r.width, height: r.height, masks: [{ mask: r.mask, category: 'forgery' }] })),
        { categories: ['forgery'], description: 'LAE Studio forgery masks', dateCreated: (opts.exportedAt ?? new Date()).toISOString() },
      );
      return { files: [json('coco.json', dataset)], masks: rows.length };
    }
    case 'label-studio': {
      const tasks = rows.map((r) => ({
        data: { image: r.image, sample_id: r.id },
        annotations: [{ result: [toLabelStudioBrushResult(r.mask, { id: r.id.slice(0, 10), label: 'forgery' })] }],
      }));
      return { files: [json('label-studio.json', tasks)], masks: rows.length };
    }
  }
}
