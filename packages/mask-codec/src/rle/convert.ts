import { type MaskLimits } from '../limits.ts';
import { toUncompressedRle } from './decode.ts';
import { countsToString } from './string-codec.ts';
import { type CocoRle, type CompressedRle, type UncompressedRle } from './types.ts';

/** pycocotools frPyObjects for an uncompressed RLE followed by rleToString; validates first. */
export function compressRle(rle: CocoRle | unknown, limits?: MaskLimits): CompressedRle {
  const { size, counts } = toUncompressedRle(rle, limits);
  return { size, counts: countsToString(counts) };
}

/** The numeric form of either RLE form; validates counts against the size. */
export function decompressRle(rle: CocoRle | unknown, limits?: MaskLimits): UncompressedRle {
  return toUncompressedRle(rle, limits);
}
