import { decodeMaskPng, decodeRle, masksEqual, readPngHeader, type BinaryMask } from '@lae-studio/mask-codec';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exportCoco,
  exportMaskPngs,
  fromLabelStudioRle,
  generateBenchmark,
  presetConfig,
  toLabelStudioBrushResult,
  toLabelStudioRle,
  uniqueStems,
  writeExportFiles,
  type SyntheticRecord,
} from '../src/index.ts';
import { tempDir } from './helpers.ts';

function fromRows(rows: string[]): BinaryMask {
  return { width: rows[0]!.length, height: rows.length, data: Uint8Array.from(rows.join(''), Number) };
}

async function generatedFakes(): Promise<SyntheticRecord[]> {
  const out: SyntheticRecord[] = [];
  const config = presetConfig('all-families', { seed: 8, size: 48, counts: { train: 10, val: 0, test: 0 } });
  for await (const r of generateBenchmark(config, { output: 'rgb' })) out.push(r);
  return out;
}

describe('mask PNG export', () => {
  it('writes one lossless PNG per mask and a manifest', async () => {
    const records = (await generatedFakes()).filter((r) => r.mask);
    const files = exportMaskPngs(records.map((r) => ({ id: r.id, mask: r.mask!, image: `${r.id}.png`, label: r.label, manipulation: r.manipulation, split: r.split })));
    expect(files).toHaveLength(records.length + 1);
    records.forEach((r, i) => {
      expect(files[i]!.path).toBe(`masks/${r.id}.png`);
      expect(readPngHeader(files[i]!.bytes).bitDepth).toBe(8);
      expect(masksEqual(decodeMaskPng(files[i]!.bytes), r.mask!)).toBe(true);
    });
    const manifest = new TextDecoder().decode(files.at(-1)!.bytes).trim().split('\n');
    expect(manifest[0]).toBe('file,id,image,width,height,area,label,manipulation,split');
    expect(manifest[1]).toMatch(new RegExp(`^masks/${records[0]!.id}\\.png,${records[0]!.id},${records[0]!.id}\\.png,48,48,\\d+,fake,`));
    const oneBit = exportMaskPngs([{ id: 'a', mask: records[0]!.mask! }], { bitDepth: 1 });
    expect(readPngHeader(oneBit[0]!.bytes).bitDepth).toBe(1);
  });

  it('makes file names safe and unique, and writes only inside the target folder', async () => {
    expect(uniqueStems(['a/b', 'a:b', '..', 'ok.1', 'ok.1'])).toEqual(['a_b', 'a_b-1', '_', 'ok.1', 'ok.1-1']);
    const tmp = await tempDir();
    try {
      const files = exportMaskPngs([{ id: '../../escape', mask: fromRows(['01']) }]);
      await writeExportFiles(tmp.dir, files);
      expect(files[0]!.path).toBe('masks/__.._escape.png'); // separators replaced, no leading dot
      expect((await readFile(path.join(tmp.dir, 'masks', '__.._escape.png'))).length).toBeGreaterThan(0);
      await expect(writeExportFiles(tmp.dir, [{ path: '../evil.txt', bytes: new Uint8Array(1) }])).rejects.toThrow(/leaves/);
    } finally {
      await tmp.cleanup();
    }
  });
});

describe('COCO export', () => {
  it('writes images, RLE annotations that decode to the masks, and categories', async () => {
    const records = await generatedFakes();
    const images = records.map((r, i) => ({
      id: i + 1,
      fileName: `${r.id}.png`,
      width: r.width,
      height: r.height,
      masks: r.mask ? [{ mask: r.mask, category: r.manipulation! }] : [],
    }));
    const coco = JSON.parse(JSON.stringify(exportCoco(images, { dateCreated: '2026-01-01T00:00:00.000Z' })));
    expect(coco.images).toHaveLength(10);
    expect(coco.annotations).toHaveLength(5);
    expect(coco.categories.map((c: { name: string }) => c.name)).toEqual(['attribute-edit-x2', 'inpaint-diffusion', 'noise-add', 'region-swap-feather', 'resample-scale']);
    for (const ann of coco.annotations) {
      const record = records[ann.image_id - 1]!;
      expect(typeof ann.segmentation.counts).toBe('string');
      expect(ann.segmentation.size).toEqual([48, 48]);
      const mask = decodeRle(ann.segmentation);
      expect(masksEqual(mask, record.mask!)).toBe(true);
      expect(ann.area).toBe(record.mask!.data.reduce((a, v) => a + v, 0));
      expect(coco.categories[ann.category_id - 1].name).toBe(record.manipulation);
      expect(ann.iscrowd).toBe(0);
      const [x, y, w, h] = ann.bbox;
      expect(w * h).toBeGreaterThanOrEqual(ann.area);
      expect(x + w).toBeLessThanOrEqual(48);
      expect(y + h).toBeLessThanOrEqual(48);
    }
  });

  it('uses pycocotools counts, skips empty masks and refuses size mismatches', () => {
    const mask = fromRows(['01', '11']);
    const base = { id: 1, fileName: 'a.png', width: 2, height: 2 };
    const coco = exportCoco([{ ...base, masks: [{ mask, category: 'forged' }, { mask: fromRows(['00', '00']), category: 'forged' }] }]);
    expect(coco.annotations).toHaveLength(1);
    expect(coco.annotations[0]!.segmentation).toEqual({ size: [2, 2], counts: '13' });
    expect(coco.annotations[0]!.bbox).toEqual([0, 0, 2, 2]);
    expect(exportCoco([{ ...base, masks: [{ mask, category: 'forged' }] }], { counts: 'list' }).annotations[0]!.segmentation).toEqual({ size: [2, 2], counts: [1, 3] });
    expect(() => exportCoco([{ ...base, width: 3, masks: [{ mask, category: 'forged' }] }])).toThrow(/2×2, the image 3×2/);
    expect(() => exportCoco([{ ...base, masks: [{ mask, category: 'x' }] }], { categories: ['forged'] })).toThrow(/not in the category list/);
  });
});

describe('Label Studio brush export', () => {
  // Produced by label-studio-converter's own brush.mask2rle (Python) for this mask, times 255.
  const converter = {
    rows: ['0000000', '0011100', '0111110', '0001000', '1000001'],
    rle: [0, 0, 0, 140, 57, 27, 254, 35, 0, 183, 255, 108, 3, 9, 255, 223, 0, 143, 254, 216, 4, 127, 248, 76, 2, 63, 240],
  };

  it('matches the Label Studio converter byte for byte and reads its output', () => {
    const mask = fromRows(converter.rows);
    expect(toLabelStudioRle(mask)).toEqual(converter.rle);
    expect(masksEqual(fromLabelStudioRle(converter.rle, 7, 5), mask)).toBe(true);
  });

  it('round-trips generated masks and builds a brushlabels result', async () => {
    for (const r of (await generatedFakes()).filter((x) => x.mask)) {
      const result = toLabelStudioBrushResult(r.mask!, { id: r.id, label: 'Forged' });
      expect(result).toMatchObject({ type: 'brushlabels', original_width: 48, original_height: 48, value: { format: 'rle', brushlabels: ['Forged'] } });
      expect(masksEqual(fromLabelStudioRle(result.value.rle, 48, 48), r.mask!)).toBe(true);
    }
    expect(() => fromLabelStudioRle(converter.rle, 6, 5)).toThrow(/expected 120/);
  });
});
