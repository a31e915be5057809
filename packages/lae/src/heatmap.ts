// Attention maps for people: bilinear upsampling to image size and a jet colour map as RGBA bytes.
import { interpMatrix } from './attention.ts';

/** g×g map → S×S map (bilinear, half-pixel centres), same values range. */
export function upsampleMap(map: Float32Array, grid: number, size: number): Float32Array {
  const u = interpMatrix(size, grid);
  const tmp = new Float32Array(size * grid); // rows upsampled: tmp[i][q] = Σ_p U[i][p] map[p][q]
  for (let i = 0; i < size; i++) {
    for (let p = 0; p < grid; p++) {
      const w = u[i * grid + p]!;
      if (w === 0) continue;
      for (let q = 0; q < grid; q++) tmp[i * grid + q]! += w * map[p * grid + q]!;
    }
  }
  const out = new Float32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      let s = 0;
      for (let q = 0; q < grid; q++) s += u[j * grid + q]! * tmp[i * grid + q]!;
      out[i * size + j] = s;
    }
  }
  return out;
}

function jet(v: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, v));
  const r = Math.min(1, Math.max(0, 1.5 - Math.abs(4 * t - 3)));
  const g = Math.min(1, Math.max(0, 1.5 - Math.abs(4 * t - 2)));
  const b = Math.min(1, Math.max(0, 1.5 - Math.abs(4 * t - 1)));
  return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

/** A [0,1] attention map (g×g) as an S×S RGBA heatmap (PNG-ready raw bytes, row-major). */
export function attentionHeatmap(map: Float32Array, grid: number, size: number, alpha = 255): Uint8ClampedArray {
  const up = upsampleMap(map, grid, size);
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < up.length; i++) {
    const [r, g, b] = jet(up[i]!);
    out[i * 4] = r;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = b;
    out[i * 4 + 3] = alpha;
  }
  return out;
}
