import { checkDimensions, createMask, decodeRle, type BinaryMask } from '@lae-studio/mask-codec';
import { z } from 'zod';
import { type ImportIssue } from '../types.ts';
import { rasterizePolygons } from './polygon.ts';
import { type MaskCollection } from './types.ts';

// COCO instance segmentation: images[] (id, file_name, width, height) and annotations[] whose segmentation
// is RLE ({size: [h, w], counts: string | number[]}) or polygons ([[x0, y0, …], …]). All annotations of an
// image (of the chosen categories) are unioned into that image's one forgery mask.

const idSchema = z.union([z.number(), z.string()]);
const imageSchema = z.object({ id: idSchema, file_name: z.string().min(1), width: z.number().int().positive(), height: z.number().int().positive() });
const segmentationSchema = z.union([
  z.object({ size: z.tuple([z.number(), z.number()]), counts: z.union([z.string(), z.array(z.number())]) }),
  z.array(z.array(z.number())),
]);
const annotationSchema = z.object({ id: idSchema.optional(), image_id: idSchema, category_id: idSchema.optional(), segmentation: segmentationSchema });
const datasetSchema = z.object({
  images: z.array(z.unknown()),
  annotations: z.array(z.unknown()),
  categories: z.array(z.object({ id: idSchema, name: z.string() })).optional(),
});

type Segmentation = z.infer<typeof segmentationSchema>;

async function paint(target: BinaryMask, seg: Segmentation): Promise<void> {
  const part = Array.isArray(seg) ? await rasterizePolygons(seg, target.width, target.height) : decodeRle(seg, { maxPixels: target.width * target.height });
  if (part.width !== target.width || part.height !== target.height) {
    throw new RangeError(`segmentation is ${part.width}×${part.height}, its image ${target.width}×${target.height}`);
  }
  for (let i = 0; i < part.data.length; i++) if (part.data[i] === 1) target.data[i] = 1;
}

export interface CocoReadOptions {
  /** Only annotations of these category names; default every category. */
  categories?: string[];
  maxPixels: number;
}

/** The masks of a parsed COCO JSON file, one per image that has annotations; `file` names it in reports. */
export function readCocoMasks(json: unknown, file: string, options: CocoReadOptions): MaskCollection {
  const parsed = datasetSchema.safeParse(json);
  if (!parsed.success) return { entries: [], issues: [{ path: file, code: 'bad-annotation', message: `not a COCO dataset: ${z.prettifyError(parsed.error).slice(0, 300)}` }] };
  const issues: ImportIssue[] = [];
  const wanted = options.categories ? new Set((parsed.data.categories ?? []).filter((c) => options.categories!.includes(c.name)).map((c) => String(c.id))) : null;
  const images = new Map<string, z.infer<typeof imageSchema>>();
  parsed.data.images.forEach((raw, i) => {
    const im = imageSchema.safeParse(raw);
    if (!im.success) issues.push({ path: `${file}#images[${i}]`, code: 'bad-annotation', message: z.prettifyError(im.error).slice(0, 200) });
    else images.set(String(im.data.id), im.data);
  });
  const byImage = new Map<string, Segmentation[]>();
  parsed.data.annotations.forEach((raw, i) => {
    const a = annotationSchema.safeParse(raw);
    const where = `${file}#annotations[${i}]`;
    if (!a.success) return issues.push({ path: where, code: 'bad-annotation', message: z.prettifyError(a.error).slice(0, 200) });
    if (wanted && !wanted.has(String(a.data.category_id))) return;
    const key = String(a.data.image_id);
    if (!images.has(key)) return issues.push({ path: where, code: 'bad-annotation', message: `image_id ${key} is not in images[]` });
    byImage.set(key, [...(byImage.get(key) ?? []), a.data.segmentation]);
  });
  const entries = [...byImage].map(([key, segs]) => {
    const im = images.get(key)!;
    return {
      name: im.file_name,
      where: `${file}#image ${key}`,
      async decode() {
        // The declared size is checked before anything is allocated: a hostile width × height fails here.
        checkDimensions(im.width, im.height, { maxPixels: options.maxPixels });
        const mask = createMask(im.width, im.height, { maxPixels: options.maxPixels });
        for (const seg of segs) await paint(mask, seg);
        return mask;
      },
    };
  });
  return { entries, issues };
}
