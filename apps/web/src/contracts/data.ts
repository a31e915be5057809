import { z } from 'zod';
import { defineContract, jobAccepted, noBody } from './define-contract';

// /api/admin/projects/[projectId]/data…: data jobs (generate, import) and mask exports.

const count = (max: number) => z.number().int().min(0).max(max);

export const startDataJob = defineContract({
  method: 'POST',
  request: z.discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('generate'),
        preset: z.enum(['face-swap', 'attribute-edit', 'inpainting', 'all-families']),
        version: z.enum(['v1', 'v2']).default('v2'),
        seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
        size: z.number().int().min(32).max(1024),
        counts: z.object({ train: count(200_000), val: count(50_000), test: count(100_000) }).strict(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('import'),
        path: z
          .string()
          .trim()
          .min(1)
          .max(500)
          .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'a path relative to the import root, without ".."'),
        layout: z.enum(['folder', 'faceforensics']),
        masksAs: z.enum(['training', 'reference']).default('reference'),
        seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
      })
      .strict(),
  ]),
  response: jobAccepted,
});

/** A data job's state and the {done,total,percent} progress the worker writes, for the UI to poll. */
export const dataJobStatus = defineContract({
  method: 'GET',
  request: noBody,
  response: z.object({
    id: z.string(),
    name: z.string(),
    state: z.string(),
    progress: z.object({ done: z.number().optional(), total: z.number().optional(), percent: z.number().optional(), detail: z.string().optional() }).nullable(),
    failedReason: z.string().nullable(),
    result: z.unknown(),
    projectId: z.string().nullable(),
  }),
});
export type DataJobStatus = z.output<typeof dataJobStatus.response>;

/** Masks as a zip of PNGs (+ manifest) or as COCO JSON (RLE): the query string; the response is the file. */
export const exportMasks = defineContract({
  method: 'GET',
  request: z.object({ format: z.enum(['png', 'coco'], { error: 'format must be png or coco.' }), reference: z.enum(['0', '1']).optional() }),
  response: z.instanceof(Uint8Array),
});
