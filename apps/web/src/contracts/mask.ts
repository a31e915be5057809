import { z } from 'zod';

/** Masks travel as COCO compressed RLE ({ size: [h, w], counts }); a 1024² checkerboard is ~2 MB, nothing real is close. */
export const MAX_RLE_CHARS = 4 * 1024 * 1024;

export const rleSchema = z.object({
  size: z.tuple([z.number().int().min(1).max(8192), z.number().int().min(1).max(8192)]),
  counts: z.string().min(1).max(MAX_RLE_CHARS),
});
export type RlePayload = z.infer<typeof rleSchema>;

/** Every 4xx answer: a code and a sentence for people. */
export const errorSchema = z.object({ error: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof errorSchema>;
