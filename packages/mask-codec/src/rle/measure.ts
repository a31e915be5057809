import { type MaskLimits } from '../limits.ts';
import { toUncompressedRle } from './decode.ts';
import { type CocoRle } from './types.ts';

/** pycocotools rleArea: the sum of the odd (foreground) runs. */
export function rleArea(rle: CocoRle | unknown, limits?: MaskLimits): number {
  const { counts } = toUncompressedRle(rle, limits);
  let area = 0;
  for (let i = 1; i < counts.length; i += 2) area += counts[i] as number;
  return area;
}

/**
 * pycocotools rleToBbox, `[x, y, width, height]`, computed from the runs without decoding: a foreground run
 * that wraps from one column into the next spans every row. Zero-length runs are skipped (the C code would
 * count a phantom pixel for them; pycocotools never emits them).
 */
export function rleBbox(rle: CocoRle | unknown, limits?: MaskLimits): [number, number, number, number] {
  const {
    size: [h],
    counts,
  } = toUncompressedRle(rle, limits);
  let xs = Infinity;
  let xe = -1;
  let ys = Infinity;
  let ye = -1;
  let pos = 0;
  for (let i = 0; i < counts.length; i++) {
    const run = counts[i] as number;
    if (i % 2 === 1 && run > 0) {
      const first = pos;
      const last = pos + run - 1;
      const x0 = Math.floor(first / h);
      const x1 = Math.floor(last / h);
      xs = Math.min(xs, x0);
      xe = Math.max(xe, x1);
      if (x0 !== x1) {
        ys = 0;
        ye = h - 1;
      } else {
        ys = Math.min(ys, first - x0 * h);
        ye = Math.max(ye, last - x1 * h);
      }
    }
    pos += run;
  }
  return xe < 0 ? [0, 0, 0, 0] : [xs, ys, xe - xs + 1, ye - ys + 1];
}
