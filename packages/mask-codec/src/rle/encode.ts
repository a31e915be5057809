import { type BinaryMask } from '../mask.ts';
import { countsToString } from './string-codec.ts';
import { type CompressedRle, type UncompressedRle } from './types.ts';

/**
 * Run lengths exactly as pycocotools' rleEncode computes them: pixels in column-major (Fortran) order, runs
 * alternating 0,1,0,… starting with a zero run, which is 0 when the first pixel is set. The last run is
 * always emitted, so an empty mask is [h*w] and a full one [0, h*w].
 */
export function maskToCounts(mask: BinaryMask): number[] {
  const { width, height, data } = mask;
  const counts: number[] = [];
  let previous = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let i = x, end = x + height * width; i < end; i += width) {
      const value = data[i] === 0 ? 0 : 1;
      if (value !== previous) {
        counts.push(run);
        run = 0;
        previous = value;
      }
      run++;
    }
  }
  counts.push(run);
  return counts;
}

/** `{ size: [h, w], counts: number[] }`, the form COCO JSON uses for crowd annotations. */
export function encodeRle(mask: BinaryMask): UncompressedRle {
  return { size: [mask.height, mask.width], counts: maskToCounts(mask) };
}

/** `{ size: [h, w], counts: string }`, byte-for-byte what pycocotools.mask.encode returns (decoded as ASCII). */
export function encodeCompressedRle(mask: BinaryMask): CompressedRle {
  return { size: [mask.height, mask.width], counts: countsToString(maskToCounts(mask)) };
}
