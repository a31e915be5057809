import fs from 'node:fs/promises';
import { resolveLimits, type ImageLimits } from '../../images/limits.ts';
import { readCocoMasks } from './coco.ts';
import { readLabelStudioMasks } from './label-studio.ts';
import { scanMaskFolder } from './png-folder.ts';
import { type MaskCollection } from './types.ts';

export { readCocoMasks, type CocoReadOptions } from './coco.ts';
export { labelStudioImageName, readLabelStudioMasks } from './label-studio.ts';
export { scanMaskFolder } from './png-folder.ts';
export { rasterizePolygons } from './polygon.ts';
export { SampleNameIndex, type MatchResult, type SampleRef } from './match.ts';
export { runMaskImport, type MaskImportProgress, type MaskImportReport, type MaskTarget } from './run-mask-import.ts';
export type { MaskEntry, MaskCollection } from './types.ts';

export const MASK_FORMATS = ['coco', 'label-studio', 'png-folder'] as const;
export type MaskFormat = (typeof MASK_FORMATS)[number];

/** Largest annotation JSON read (parsed whole in memory). */
export const MAX_ANNOTATION_JSON_BYTES = 256 * 1024 * 1024;

/** Reads a COCO or Label Studio JSON file, or scans a folder of mask images, into mask entries. */
export async function readMaskSource(file: string, format: MaskFormat, options: { limits?: Partial<ImageLimits>; labels?: string[]; name?: string } = {}): Promise<MaskCollection> {
  const limits = resolveLimits(options.limits);
  if (format === 'png-folder') return scanMaskFolder(file, { limits });
  const name = options.name ?? file;
  const stat = await fs.stat(file);
  if (!stat.isFile()) return { entries: [], issues: [{ path: name, code: 'unreadable', message: `${format} annotations must be a JSON file, not a folder` }] };
  if (stat.size > MAX_ANNOTATION_JSON_BYTES) return { entries: [], issues: [{ path: name, code: 'too-large', message: `file is ${stat.size} bytes, over the limit of ${MAX_ANNOTATION_JSON_BYTES}` }] };
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    return { entries: [], issues: [{ path: name, code: 'bad-annotation', message: `not JSON: ${(error as Error).message}` }] };
  }
  return format === 'coco' ? readCocoMasks(json, name, { maxPixels: limits.maxPixels, ...(options.labels ? { categories: options.labels } : {}) }) : readLabelStudioMasks(json, name, { maxPixels: limits.maxPixels, ...(options.labels ? { labels: options.labels } : {}) });
}
