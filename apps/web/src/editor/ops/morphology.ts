import type { Rect } from '../geometry';

// Grow or shrink the binary mask by a Euclidean distance, with work bounded by the mask's boundary.
//
// The pixel nearest to any pixel q within a set S (q not in S) is a boundary pixel of S — one with a
// 4-neighbour outside S: from an interior pixel, the step towards q along an axis where they differ is
// also in S and strictly closer. So growing by r is the mask plus a disk of radius r around every
// boundary pixel of the mask, and shrinking is the mask minus a disk around every unmasked pixel that
// touches it. Each disk is 2r + 1 row spans (TypedArray.fill), so the cost is boundary × r, not the
// image's area, and the result is exactly the brute-force dilation / erosion.

/** The coverage bytes that changed inside `rect` (row-major, rect.w × rect.h), as 0/255. */
export interface MaskWindow {
  rect: Rect;
  data: Uint8Array;
}

/**
 * Working memory kept across calls (one per editor): each buffer grows to the largest window seen and is
 * then reused, so a grow or shrink allocates nothing but its result's patch. A window returned with it
 * is a view into this memory, valid until the next call.
 */
export class MorphologyScratch {
  private bin = new Uint8Array(0);
  private data = new Uint8Array(0);
  private done = new Int32Array(0);
  private spans = new Map<number, Int32Array>();

  /** `size` bytes of the binary window, `size2` of the result; contents unspecified. */
  take(size: number, size2: number, reach: number): { bin: Uint8Array; data: Uint8Array; done: Int32Array } {
    // Headroom so that growing the mask a few pixels at a time does not reallocate on every use.
    if (this.bin.length < size) this.bin = new Uint8Array(Math.ceil(size * 1.25));
    if (this.data.length < size2) this.data = new Uint8Array(Math.ceil(size2 * 1.25));
    if (this.done.length < 2 * reach + 1) this.done = new Int32Array(2 * reach + 1);
    return { bin: this.bin.subarray(0, size), data: this.data.subarray(0, size2), done: this.done.subarray(0, 2 * reach + 1) };
  }

  diskSpans(r: number): Int32Array {
    let spans = this.spans.get(r);
    if (!spans) this.spans.set(r, (spans = diskSpans(r)));
    return spans;
  }
}

/** Half-widths of the disk's row spans: the largest k with k² + d² ≤ r², for d = 0 … ⌊r⌋. */
function diskSpans(r: number): Int32Array {
  const spans = new Int32Array(Math.floor(r) + 1);
  for (let d = 0; d < spans.length; d++) {
    let k = Math.floor(Math.sqrt(r * r - d * d));
    // sqrt may round either way for large arguments: settle k on the exact integer condition.
    while ((k + 1) * (k + 1) + d * d <= r * r) k++;
    while (k > 0 && k * k + d * d > r * r) k--;
    spans[d] = k;
  }
  return spans;
}

/** The bounding rectangle of the nonzero coverage, or null when it is all zero. */
function nonzeroRect(coverage: Uint8Array, width: number, height: number): Rect | null {
  let y0 = -1, y1 = -1, x0 = width, x1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    for (let x = 0; x < width; x++) {
      if (coverage[row + x]) {
        first = x;
        break;
      }
    }
    if (first < 0) continue;
    if (y0 < 0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    for (let x = width - 1; x > x1; x--) {
      if (coverage[row + x]) {
        x1 = x;
        break;
      }
    }
  }
  return y0 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * Grow (by > 0) or shrink (by < 0) by |by| pixels, as 0/255 over the only window that can change: the
 * nonzero coverage's bounding box widened by |by| (outside it the coverage is 0 and stays 0). Grown pixels
 * are within |by| of a masked pixel; shrinking keeps the masked pixels farther than |by| from any unmasked
 * one (the image border is not an edge). Partial coverage counts as masked from `threshold` up, and
 * becomes 0 or 255 like every pixel of the window. Null when the coverage is all zero. With `scratch`, the
 * working buffers and the returned window's data are reused memory (see MorphologyScratch).
 */
export function growShrinkWindow(coverage: Uint8Array, width: number, height: number, by: number, threshold = 128, scratch?: MorphologyScratch): MaskWindow | null {
  const box = nonzeroRect(coverage, width, height);
  if (!box) return null;
  const r = Math.abs(by);
  const pad = Math.ceil(r);
  const x0 = Math.max(0, box.x - pad), y0 = Math.max(0, box.y - pad);
  const x1 = Math.min(width, box.x + box.w + pad), y1 = Math.min(height, box.y + box.h + pad);
  const w = x1 - x0, h = y1 - y0;
  // The window's binary mask with a one-pixel frame, so that the edge test below needs no bounds checks.
  // Growing stamps around masked pixels that touch unmasked ones, shrinking around unmasked ones that
  // touch masked ones. A frame pixel outside the image takes the stamping side's value: the image border
  // is no edge, so it costs no disks (a disk around any pixel of the stamping side would be harmless).
  const grow = by > 0;
  const side = grow ? 1 : 0;
  const bw = w + 2;
  const spans = scratch ? scratch.diskSpans(r) : diskSpans(r);
  const reach = spans.length - 1;
  const work = scratch?.take(bw * (h + 2), w * h, reach);
  const bin = (work?.bin ?? new Uint8Array(bw * (h + 2))).fill(side);
  const fx0 = Math.max(0, x0 - 1), fx1 = Math.min(width, x1 + 1);
  for (let y = Math.max(0, y0 - 1); y < Math.min(height, y1 + 1); y++) {
    for (let i = y * width + fx0, end = y * width + fx1, b = (y - y0 + 1) * bw + fx0 - x0 + 1; i < end; i++, b++) {
      bin[b] = coverage[i]! >= threshold ? 1 : 0;
    }
  }
  const data = work?.data ?? new Uint8Array(w * h);
  for (let y = 0, j = 0; y < h; y++) {
    for (let b = (y + 1) * bw + 1, end = b + w; b < end; b++, j++) data[j] = bin[b] ? 255 : 0;
  }
  const fill = grow ? 255 : 0;
  // Along one source row the disks' spans in each target row start further right as x grows: `done`
  // keeps where the previous span in that target row ended, so overlapping spans (a ragged boundary has
  // runs of edge pixels) write each byte once.
  const done = work?.done ?? new Int32Array(2 * reach + 1);
  for (let y = 0; y < h; y++) {
    done.fill(0);
    for (let x = 0, b = (y + 1) * bw + 1; x < w; x++, b++) {
      if (bin[b] !== side) continue;
      if (bin[b - 1] === side && bin[b + 1] === side && bin[b - bw] === side && bin[b + bw] === side) continue;
      for (let d = -reach; d <= reach; d++) {
        const yy = y + d;
        if (yy < 0 || yy >= h) continue;
        const k = spans[d < 0 ? -d : d]!;
        const row = yy * w;
        const end = Math.min(w, x + k + 1);
        for (let i = row + Math.max(0, x - k, done[d + reach]!), stop = row + end; i < stop; i++) data[i] = fill;
        done[d + reach] = end;
      }
    }
  }
  return { rect: { x: x0, y: y0, w, h }, data };
}

/** The whole image grown or shrunk (see growShrinkWindow), as 0/255 per pixel. */
export function growShrink(coverage: Uint8Array, width: number, height: number, by: number, threshold = 128): Uint8Array {
  const out = new Uint8Array(coverage.length);
  const win = growShrinkWindow(coverage, width, height, by, threshold);
  if (!win) return out;
  const { rect, data } = win;
  for (let y = 0; y < rect.h; y++) out.set(data.subarray(y * rect.w, (y + 1) * rect.w), (rect.y + y) * width + rect.x);
  return out;
}
