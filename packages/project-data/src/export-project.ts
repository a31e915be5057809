import { exportCoco, exportMaskPngs, toLabelStudioBrushResult, type ExportFile } from '@lae-studio/datasets';
import { listMaskedFakes, type Db } from '@lae-studio/db';
import type { BinaryMask } from '@lae-studio/mask-codec';
import { decodeStoredMask } from './stored-mask.ts';

export type ExportFormat = 'png' | 'coco' | 'label-studio';

interface Row {
  id: string;
  sourceName: string | null;
  label: string;
  manipulation: string | null;
  split: string;
  width: number;
  height: number;
  mask: BinaryMask;
}

/** The masks that count: the latest non-reference mask a reviewer did not reject (or the reference ones). */
async function collect(db: Db, projectId: string, reference: boolean): Promise<Row[]> {
  const samples = await listMaskedFakes(db, { projectId, reference });
  return samples.map((s) => ({
    id: s.id,
    sourceName: s.sourceName,
    label: s.label,
    manipulation: s.manipulation,
    split: s.split,
    width: s.width,
    height: s.height,
    mask: decodeStoredMask(s.mask),
  }));
}

/** A project's masks as files: PNGs + manifest, COCO JSON with RLE, or Label Studio brush tasks. */
export async function exportProjectMasks(db: Db, opts: { projectId: string; format: ExportFormat; reference?: boolean }): Promise<{ files: ExportFile[]; masks: number }> {
  const rows = await collect(db, opts.projectId, opts.reference ?? false);
  const json = (path: string, value: unknown): ExportFile => ({ path, bytes: new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n') });
  switch (opts.format) {
    case 'png':
      return { files: exportMaskPngs(rows.map((r) => ({ id: r.id, mask: r.mask, image: r.sourceName ?? r.id, label: r.label, manipulation: r.manipulation, split: r.split }))), masks: rows.length };
    case 'coco': {
      const dataset = exportCoco(
        rows.map((r, i) => ({ id: i + 1, fileName: r.sourceName ?? r.id, width: r.width, height: r.height, masks: [{ mask: r.mask, category: 'forgery' }] })),
        { categories: ['forgery'], description: 'LAE Studio forgery masks' },
      );
      return { files: [json('coco.json', dataset)], masks: rows.length };
    }
    case 'label-studio': {
      const tasks = rows.map((r) => ({
        data: { image: r.sourceName ?? r.id, sample_id: r.id },
        annotations: [{ result: [toLabelStudioBrushResult(r.mask, { id: r.id.slice(0, 10), label: 'forgery' })] }],
      }));
      return { files: [json('label-studio.json', tasks)], masks: rows.length };
    }
  }
}
