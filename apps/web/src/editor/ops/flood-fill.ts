import type { Point, Rect } from '../geometry';

// Pixel states while filling (0 = not looked at yet). The colour test runs at most once per pixel: its
// answer is kept, so the rows above and below a span re-read a byte instead of comparing colours again.
const FILLED = 1;
const NEAR = 2; // within tolerance, not filled yet
const FAR = 3;

/**
 * The 4-connected region of image pixels around `seed` whose colour is within `tolerance` of the seed's
 * (largest channel difference, 0–255). Span fill with an explicit stack: each popped seed widens to its
 * whole run, and the rows above and below are scanned only under that run. Returns 1 per region pixel
 * (0 elsewhere) and the region's bounding rectangle (null outside the image).
 */
export function floodRegion(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, seed: Point, tolerance: number): { region: Uint8Array; rect: Rect } | null {
  const sx = Math.floor(seed.x);
  const sy = Math.floor(seed.y);
  if (sx < 0 || sy < 0 || sx >= width || sy >= height) return null;
  const s = (sy * width + sx) * 4;
  const rLo = rgba[s]! - tolerance, rHi = rgba[s]! + tolerance;
  const gLo = rgba[s + 1]! - tolerance, gHi = rgba[s + 1]! + tolerance;
  const bLo = rgba[s + 2]! - tolerance, bHi = rgba[s + 2]! + tolerance;
  const state = new Uint8Array(width * height);
  /** Classifies an UNKNOWN pixel, remembers and returns its state (NEAR or FAR). */
  function classify(i: number): number {
    const p = i * 4;
    const r = rgba[p]!, g = rgba[p + 1]!, b = rgba[p + 2]!;
    return (state[i] = r >= rLo && r <= rHi && g >= gLo && g <= gHi && b >= bLo && b <= bHi ? NEAR : FAR);
  }
  let x0 = sx, x1 = sx, y0 = sy, y1 = sy;
  // Pixel indices to start spans from; typed and grown by doubling (a pixel is pushed at most twice:
  // once from the span above it, once from the span below).
  let stack = new Int32Array(1024);
  let sp = 0;
  stack[sp++] = sy * width + sx;
  // The loops below read `state` inline rather than through a helper: this is the per-pixel path.
  while (sp) {
    const i = stack[--sp]!;
    if ((state[i] || classify(i)) !== NEAR) continue; // filled since it was pushed, or the seed is FAR
    const y = (i / width) | 0;
    const row = y * width;
    let left = i - row, right = left;
    while (left > 0 && (state[row + left - 1] || classify(row + left - 1)) === NEAR) left--;
    while (right < width - 1 && (state[row + right + 1] || classify(row + right + 1)) === NEAR) right++;
    state.fill(FILLED, row + left, row + right + 1);
    if (left < x0) x0 = left;
    if (right > x1) x1 = right;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    // Under the span, push the first pixel of every open run in the rows above and below.
    for (let ny = y - 1; ny <= y + 1; ny += 2) {
      if (ny < 0 || ny >= height) continue;
      let inRun = false;
      for (let j = ny * width + left, end = ny * width + right; j <= end; j++) {
        const open = (state[j] || classify(j)) === NEAR;
        if (open && !inRun) {
          if (sp === stack.length) {
            const grown = new Int32Array(stack.length * 2);
            grown.set(stack);
            stack = grown;
          }
          stack[sp++] = j;
        }
        inRun = open;
      }
    }
  }
  // Only FILLED may read as 1: clear the remembered answers, which lie at most one pixel off the region.
  const cx0 = Math.max(0, x0 - 1), cx1 = Math.min(width - 1, x1 + 1);
  for (let y = Math.max(0, y0 - 1); y <= Math.min(height - 1, y1 + 1); y++) {
    for (let i = y * width + cx0, end = y * width + cx1; i <= end; i++) if (state[i] !== FILLED) state[i] = 0;
  }
  return { region: state, rect: { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 } };
}
