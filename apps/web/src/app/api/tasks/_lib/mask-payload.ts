import 'server-only';
import { decodeRle, encodeCompressedRle, isMaskFormatError, maskArea } from '@lae-studio/masks';
import { DomainError, type EncodedMask } from '@lae-studio/db';
import { z } from 'zod';

/** Masks travel as COCO compressed RLE ({ size: [h, w], counts }); a 1024² checkerboard is ~2 MB, nothing real is close. */
export const MAX_RLE_CHARS = 4 * 1024 * 1024;
export const MAX_MASK_BODY_BYTES = MAX_RLE_CHARS + 4096;
const MAX_MASK_PIXELS = 8192 * 8192;

export const rleSchema = z.object({
  size: z.tuple([z.number().int().min(1).max(8192), z.number().int().min(1).max(8192)]),
  counts: z.string().min(1).max(MAX_RLE_CHARS),
});

export type RlePayload = z.infer<typeof rleSchema>;

/**
 * Decodes and validates an RLE payload (every run adds up to exactly h×w) and re-encodes it canonically for
 * storage. Malformed encodings become a DomainError('invalid') → 400. The size check against the sample is
 * the database layer's.
 */
export function toEncodedMask(rle: RlePayload): EncodedMask {
  try {
    const mask = decodeRle(rle, { maxPixels: MAX_MASK_PIXELS });
    const canonical = encodeCompressedRle(mask);
    return { encoding: 'rle', data: new TextEncoder().encode(canonical.counts), width: mask.width, height: mask.height, area: maskArea(mask) };
  } catch (err) {
    if (isMaskFormatError(err)) throw new DomainError('invalid', `Invalid mask encoding: ${err.message}`);
    throw err;
  }
}

/** Stored RLE bytes back to the wire form. */
export function toRlePayload(stored: { data: Uint8Array; width: number; height: number }): RlePayload {
  return { size: [stored.height, stored.width], counts: new TextDecoder().decode(stored.data) };
}
