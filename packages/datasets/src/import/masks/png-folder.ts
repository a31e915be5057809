import fs from 'node:fs/promises';
import path from 'node:path';
import { type ImageLimits } from '../../images/limits.ts';
import { isImagePath } from '../folder.ts';
import { normalizeManifestPath, parseCsvLine } from '../manifest.ts';
import { decodeMaskFile } from '../pipeline.ts';
import { resolveInside, walkFiles } from '../safe-walk.ts';
import { type MaskEntry, type MaskCollection } from './types.ts';

// A folder of mask images (PNG, or any format the image importer reads), one per sample, named like the
// image it belongs to: `0001.png`, `masks/<manipulation>/0001.png`, or the export's `masks/<id>.png` with a
// manifest.csv whose `file` and `image` columns say which image each mask file is for.

async function manifestNames(root: string): Promise<Map<string, string>> {
  const file = resolveInside(root, 'manifest.csv');
  const text = file ? await fs.readFile(file, 'utf8').catch(() => null) : null;
  const names = new Map<string, string>();
  if (!text) return names;
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const cols = parseCsvLine(header ?? '');
  const fileCol = cols.indexOf('file');
  const imageCol = cols.indexOf('image');
  if (fileCol < 0 || imageCol < 0) return names;
  for (const row of rows) {
    const f = parseCsvLine(row);
    if (f[fileCol] && f[imageCol]) names.set(normalizeManifestPath(f[fileCol]), f[imageCol]);
  }
  return names;
}

/** Mask files under `root` (symlinks leaving it refused, as the image importer does), decoded on demand. */
export async function scanMaskFolder(root: string, options: { limits: ImageLimits; threshold?: number | 'auto' }): Promise<MaskCollection> {
  const absRoot = path.resolve(root);
  const { files, issues } = await walkFiles(absRoot);
  const names = await manifestNames(absRoot);
  const entries: MaskEntry[] = files.filter(isImagePath).map((f) => ({
    name: names.get(f) ?? f,
    where: f,
    async decode() {
      const abs = path.join(absRoot, ...f.split('/'));
      const { size } = await fs.stat(abs);
      if (size > options.limits.maxBytes) throw Object.assign(new RangeError(`file is ${size} bytes, over the limit of ${options.limits.maxBytes}`), { code: 'too-large' });
      return decodeMaskFile(new Uint8Array(await fs.readFile(abs)), options.limits, options.threshold ?? 'auto');
    },
  }));
  return { entries, issues };
}
