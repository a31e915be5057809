import { clipRect, type Point, type Rect } from '../geometry';

/**
 * Pixels whose centres lie inside the closed polygon (even–odd rule), clipped to the image: 1 inside.
 * Scanline: per row, the crossings of every edge with the row's centre line, sorted, filled in pairs.
 */
export function polygonRegion(points: Point[], width: number, height: number): { region: Uint8Array; rect: Rect } | null {
  if (points.length < 3) return null;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  const rect = clipRect({ x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 }, width, height);
  if (!rect) return null;
  const region = new Uint8Array(width * height);
  const xs: number[] = [];
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    const cy = y + 0.5;
    xs.length = 0;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const a = points[i]!, b = points[j]!;
      if (a.y > cy !== b.y > cy) xs.push(a.x + ((cy - a.y) / (b.y - a.y)) * (b.x - a.x));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Pixel x is inside when its centre x + 0.5 lies in [xs[k], xs[k+1]).
      const from = Math.max(rect.x, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(rect.x + rect.w - 1, Math.ceil(xs[k + 1]! - 0.5) - 1);
      if (to >= from) region.fill(1, y * width + from, y * width + to + 1);
    }
  }
  return { region, rect };
}
