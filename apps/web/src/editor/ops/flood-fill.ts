import type { Point, Rect } from '../geometry';

/**
 * The 4-connected region of image pixels around `seed` whose colour is within `tolerance` of the seed's
 * (largest channel difference, 0–255). Scanline fill with an explicit stack: no recursion, each pixel
 * visited once. Returns 1 per region pixel and the region's bounding rectangle (null outside the image).
 */
export function floodRegion(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, seed: Point, tolerance: number): { region: Uint8Array; rect: Rect } | null {
  const sx = Math.floor(seed.x);
  const sy = Math.floor(seed.y);
  if (sx < 0 || sy < 0 || sx >= width || sy >= height) return null;
  const s = (sy * width + sx) * 4;
  const r0 = rgba[s]!, g0 = rgba[s + 1]!, b0 = rgba[s + 2]!;
  const near = (i: number) => {
    const p = i * 4;
    return Math.abs(rgba[p]! - r0) <= tolerance && Math.abs(rgba[p + 1]! - g0) <= tolerance && Math.abs(rgba[p + 2]! - b0) <= tolerance;
  };
  const region = new Uint8Array(width * height);
  let x0 = sx, x1 = sx, y0 = sy, y1 = sy;
  const stack: number[] = [sx, sy];
  while (stack.length) {
    const y = stack.pop()!;
    let x = stack.pop()!;
    const row = y * width;
    if (region[row + x]) continue;
    while (x > 0 && !region[row + x - 1] && near(row + x - 1)) x--;
    let upOpen = false;
    let downOpen = false;
    for (; x < width && !region[row + x] && near(row + x); x++) {
      region[row + x] = 1;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      // Seed the rows above and below once per run of fillable pixels.
      if (y > 0) {
        const up = row - width + x;
        const ok = !region[up] && near(up);
        if (ok && !upOpen) stack.push(x, y - 1);
        upOpen = ok;
      }
      if (y < height - 1) {
        const down = row + width + x;
        const ok = !region[down] && near(down);
        if (ok && !downOpen) stack.push(x, y + 1);
        downOpen = ok;
      }
    }
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return { region, rect: { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 } };
}
