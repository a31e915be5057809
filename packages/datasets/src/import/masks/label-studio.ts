import { checkDimensions, createMask } from '@lae-studio/mask-codec';
import { z } from 'zod';
import { fromLabelStudioRle } from '../../export/label-studio.ts';
import { type ImportIssue } from '../types.ts';
import { type MaskEntry, type MaskCollection } from './types.ts';

// A Label Studio JSON export: an array of tasks, each with data.image and annotations[].result[]. Brush
// regions (type brushlabels, value.format 'rle') are unioned per task; of several annotations the newest
// one that was not cancelled counts.

const resultSchema = z.object({
  type: z.string(),
  original_width: z.number().int().positive().optional(),
  original_height: z.number().int().positive().optional(),
  value: z.object({ format: z.string().optional(), rle: z.array(z.number().int().min(0).max(255)).optional(), brushlabels: z.array(z.string()).optional() }).loose(),
});
const annotationSchema = z.object({
  was_cancelled: z.boolean().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  result: z.array(z.unknown()).default([]),
});
const taskSchema = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  data: z.object({ image: z.string().min(1) }).loose(),
  annotations: z.array(annotationSchema).default([]),
});

/** The file an image URL names: Label Studio serves local files as `…/data/local-files/?d=<path>`. */
export function labelStudioImageName(image: string): string {
  const query = image.indexOf('?d=');
  const raw = query >= 0 ? decodeURIComponent(image.slice(query + 3)) : image.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return raw.split(/[?#]/)[0] as string;
}

/** rle-pack's header holds the number of values (32 bits, big-endian): checked before anything is decoded. */
function declaredLength(rle: readonly number[]): number {
  return rle.length < 4 ? -1 : (((rle[0] as number) << 24) | ((rle[1] as number) << 16) | ((rle[2] as number) << 8) | (rle[3] as number)) >>> 0;
}

export function readLabelStudioMasks(json: unknown, file: string, options: { labels?: string[]; maxPixels: number }): MaskCollection {
  const tasks = Array.isArray(json) ? json : [json];
  const issues: ImportIssue[] = [];
  const entries: MaskEntry[] = [];
  tasks.forEach((raw, i) => {
    const t = taskSchema.safeParse(raw);
    const where = `${file}#task ${(raw as { id?: unknown })?.id ?? i}`;
    if (!t.success) return issues.push({ path: where, code: 'bad-annotation', message: `not a Label Studio task: ${z.prettifyError(t.error).slice(0, 200)}` });
    const annotation = t.data.annotations
      .filter((a) => !a.was_cancelled)
      .sort((a, b) => (a.updated_at ?? a.created_at ?? '').localeCompare(b.updated_at ?? b.created_at ?? ''))
      .at(-1);
    if (!annotation) return issues.push({ path: where, code: 'empty-mask', message: 'task has no annotation' });
    const brushes: z.infer<typeof resultSchema>[] = [];
    const others = new Set<string>();
    for (const r of annotation.result) {
      const res = resultSchema.safeParse(r);
      if (!res.success) return issues.push({ path: where, code: 'bad-annotation', message: z.prettifyError(res.error).slice(0, 200) });
      if (res.data.type !== 'brushlabels' || res.data.value.format !== 'rle') others.add(res.data.type);
      else if (!options.labels || res.data.value.brushlabels?.some((l) => options.labels!.includes(l))) brushes.push(res.data);
    }
    if (others.size) issues.push({ path: where, code: 'unsupported-region', message: `${[...others].join(', ')} regions are not brush masks; ignored` });
    if (brushes.length === 0) return others.size ? undefined : issues.push({ path: where, code: 'empty-mask', message: 'annotation has no brush region' });
    entries.push({
      name: labelStudioImageName(t.data.data.image),
      where,
      async decode() {
        const { original_width: w, original_height: h } = brushes[0]!;
        checkDimensions(w, h, { maxPixels: options.maxPixels });
        const mask = createMask(w!, h!);
        for (const b of brushes) {
          if (b.original_width !== w || b.original_height !== h) throw new RangeError(`brush regions of one task have different sizes (${w}×${h}, ${b.original_width}×${b.original_height})`);
          const rle = b.value.rle ?? [];
          if (declaredLength(rle) !== w! * h! * 4) throw new RangeError(`brush RLE declares ${declaredLength(rle)} values, ${w}×${h} RGBA has ${w! * h! * 4}`);
          const part = fromLabelStudioRle(rle, w!, h!);
          for (let k = 0; k < part.data.length; k++) if (part.data[k] === 1) mask.data[k] = 1;
        }
        return mask;
      },
    });
  });
  return { entries, issues };
}
