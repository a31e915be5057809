import 'server-only';
import { decodeRle, encodeCompressedRle, isMaskFormatError, maskArea } from '@lae-studio/mask-codec';
import { DomainError, type EncodedMask } from '@lae-studio/db';
import { MAX_RLE_CHARS, type RlePayload } from '@/contracts/mask';
import { MAX_HISTORY_CHARS } from '@/contracts/tasks';

/** A body carrying a mask (and possibly a draft's undo history). */
export const MAX_MASK_BODY_BYTES = MAX_RLE_CHARS + MAX_HISTORY_CHARS + 4096;
const MAX_MASK_PIXELS = 8192 * 8192;

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

/** The editor's base64 undo history to bytes (the schema already checked the alphabet and the size). */
export function historyBytes(history: string | null | undefined): Uint8Array | null {
  return history ? new Uint8Array(Buffer.from(history, 'base64')) : null;
}
