import { MaskFormatError } from '../errors.ts';
import { checkDimensions, type MaskLimits } from '../limits.ts';
import { type BinaryMask } from '../mask.ts';
import { countsFromString } from './string-codec.ts';
import { type CocoRle, type UncompressedRle } from './types.ts';

/** Reads `[h, w]` from a COCO size field, rejecting anything but two positive integers within the limits. */
function parseSize(size: unknown, limits?: MaskLimits): [number, number] {
  if (!Array.isArray(size) || size.length !== 2) {
    throw new MaskFormatError('invalid-rle', 'RLE size must be [height, width]');
  }
  const [h, w] = size as [unknown, unknown];
  checkDimensions(w, h, limits);
  return [h as number, w as number];
}

/** Throws unless counts are non-negative integers that add up to exactly h*w. */
function checkCounts(counts: readonly unknown[], h: number, w: number): asserts counts is number[] {
  const total = h * w;
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (typeof c !== 'number' || !Number.isSafeInteger(c) || c < 0) {
      throw new MaskFormatError('invalid-rle', `RLE count ${i} is ${String(c)}, expected a non-negative integer`);
    }
    sum += c;
    if (sum > total) {
      throw new MaskFormatError('invalid-rle', `RLE counts exceed ${total} pixels (${h}×${w}) at count ${i}`);
    }
  }
  if (sum !== total) {
    throw new MaskFormatError('invalid-rle', `RLE counts sum to ${sum}, expected ${total} for size [${h}, ${w}]`);
  }
}

/**
 * Validates either COCO RLE form and returns it with numeric counts. Accepts zero-length runs anywhere
 * (pycocotools' decoder does), but never more runs than pixels + 1.
 */
export function toUncompressedRle(rle: CocoRle | unknown, limits?: MaskLimits): UncompressedRle {
  if (typeof rle !== 'object' || rle === null) {
    throw new MaskFormatError('invalid-rle', 'RLE must be an object { size: [h, w], counts }');
  }
  const { size, counts } = rle as { size?: unknown; counts?: unknown };
  const [h, w] = parseSize(size, limits);
  const maxCounts = h * w + 1;
  let numeric: unknown[];
  if (typeof counts === 'string') {
    numeric = countsFromString(counts, maxCounts);
  } else if (Array.isArray(counts)) {
    if (counts.length > maxCounts) {
      throw new MaskFormatError('invalid-rle', `RLE has ${counts.length} counts, more than ${maxCounts} possible for ${h}×${w}`);
    }
    numeric = counts;
  } else {
    throw new MaskFormatError('invalid-rle', 'RLE counts must be a number array or a pycocotools string');
  }
  checkCounts(numeric, h, w);
  return { size: [h, w], counts: numeric.slice() as number[] };
}

/** pycocotools rleDecode into a row-major BinaryMask; any malformed input throws a MaskFormatError. */
export function decodeRle(rle: CocoRle | unknown, limits?: MaskLimits): BinaryMask {
  const {
    size: [h, w],
    counts,
  } = toUncompressedRle(rle, limits);
  const data = new Uint8Array(h * w);
  let pos = 0; // column-major position
  for (let i = 0; i < counts.length; i++) {
    const run = counts[i] as number;
    if (i % 2 === 1) {
      let start = pos;
      const end = pos + run;
      while (start < end) {
        const col = Math.floor(start / h);
        const row = start - col * h;
        const stop = Math.min(end, (col + 1) * h);
        for (let r = row, k = row * w + col; r < row + (stop - start); r++, k += w) data[k] = 1;
        start = stop;
      }
    }
    pos += run;
  }
  return { width: w, height: h, data };
}
