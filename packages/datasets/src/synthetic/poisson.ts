import { createRaster, type Raster } from './raster.ts';

/**
 * Gradient-domain fill (Pérez et al. 2003, "Poisson image editing") over a region: returns f with
 * Δf = Δguide inside the region and f = target on its boundary. With a zero guide this is a harmonic
 * (diffusion) inpainting; with a donor face it is seamless cloning. Solved as guide + c with c harmonic,
 * by successive over-relaxation; pixels outside the region are copied from the target.
 */
export function poissonFill(target: Raster, guide: Raster | null, region: Uint8Array, iterations: number): Raster {
  const { width, height } = target;
  const out = createRaster(width, height);
  out.data.set(target.data);
  const pixels: number[] = [];
  for (let i = 0; i < region.length; i++) if (region[i] === 1) pixels.push(i);
  if (pixels.length === 0) return out;
  const diff = (i: number, ch: number) => (target.data[i * 3 + ch] as number) - (guide ? (guide.data[i * 3 + ch] as number) : 0);
  const omega = 1.9;
  const c = new Float32Array(width * height);
  for (let ch = 0; ch < 3; ch++) {
    // Start from the mean boundary difference: SOR then only has to fix the variation.
    let sum = 0;
    let count = 0;
    for (let i = 0; i < region.length; i++) {
      if (region[i] === 1) continue;
      const x = i % width;
      const touches =
        (x > 0 && region[i - 1] === 1) || (x < width - 1 && region[i + 1] === 1) || region[i - width] === 1 || region[i + width] === 1;
      if (touches) {
        sum += diff(i, ch);
        count++;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    for (let i = 0; i < c.length; i++) c[i] = region[i] === 1 ? mean : diff(i, ch);
    for (let it = 0; it < iterations; it++) {
      for (const i of pixels) {
        const x = i % width;
        const y = (i - x) / width;
        let s = 0;
        let n = 0;
        if (x > 0) {
          s += c[i - 1] as number;
          n++;
        }
        if (x < width - 1) {
          s += c[i + 1] as number;
          n++;
        }
        if (y > 0) {
          s += c[i - width] as number;
          n++;
        }
        if (y < height - 1) {
          s += c[i + width] as number;
          n++;
        }
        const old = c[i] as number;
        c[i] = old + omega * (s / n - old);
      }
    }
    for (const i of pixels) out.data[i * 3 + ch] = (guide ? (guide.data[i * 3 + ch] as number) : 0) + (c[i] as number);
  }
  return out;
}
