import { type Rng } from '../prng.ts';
import { cloneRaster, type Raster } from '../raster.ts';
import { composite, featherAlpha, scaled } from './blend.ts';
import { eyesArea, mouthArea } from './regions.ts';
import { type Manipulation } from './types.ts';

// Local attribute edit: a colour/brightness change in a facial area, re-synthesised the way a generator's
// decoder would: at a lower resolution, then upsampled, leaving a periodic upsampling trace.

/** Per-channel gain and offset: lipstick, make-up, tanned or pale skin, tinted eyes. */
function recolour(src: Raster, region: Uint8Array, rng: Rng): Raster {
  const out = cloneRaster(src);
  const gain = [rng.range(0.75, 1.3), rng.range(0.75, 1.3), rng.range(0.75, 1.3)];
  const offset = rng.range(-18, 18);
  for (let i = 0; i < region.length; i++) {
    if (region[i] === 0) continue;
    for (let c = 0; c < 3; c++) out.data[i * 3 + c] = (src.data[i * 3 + c] as number) * (gain[c] as number) + offset;
  }
  return out;
}

/**
 * Average-pools by `factor`, then upsamples back: nearest-neighbour plus a checkerboard (the transposed
 * convolution artifact) or bilinear plus a grid at the upsampling stride.
 */
function generatorTrace(src: Raster, factor: number, mode: 'nearest-checkerboard' | 'bilinear-grid', amplitude: number): Raster {
  const { width, height } = src;
  const lw = Math.ceil(width / factor);
  const lh = Math.ceil(height / factor);
  const low = new Float32Array(lw * lh * 3);
  for (let y = 0; y < lh; y++)
    for (let x = 0; x < lw; x++)
      for (let c = 0; c < 3; c++) {
        let s = 0;
        let n = 0;
        for (let dy = 0; dy < factor; dy++)
          for (let dx = 0; dx < factor; dx++) {
            const sx = x * factor + dx;
            const sy = y * factor + dy;
            if (sx < width && sy < height) {
              s += src.data[(sy * width + sx) * 3 + c] as number;
              n++;
            }
          }
        low[(y * lw + x) * 3 + c] = s / n;
      }
  const out = cloneRaster(src);
  const at = (x: number, y: number, c: number) => low[(Math.min(lh - 1, Math.max(0, y)) * lw + Math.min(lw - 1, Math.max(0, x))) * 3 + c] as number;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let pattern: number;
      if (mode === 'nearest-checkerboard') pattern = (x + y) % 2 === 0 ? 1 : -1;
      else pattern = x % factor === 0 || y % factor === 0 ? 1 : -0.6;
      for (let c = 0; c < 3; c++) {
        let v: number;
        if (mode === 'nearest-checkerboard') v = at(Math.floor(x / factor), Math.floor(y / factor), c);
        else {
          const fx = (x + 0.5) / factor - 0.5;
          const fy = (y + 0.5) / factor - 0.5;
          const x0 = Math.floor(fx);
          const y0 = Math.floor(fy);
          const tx = fx - x0;
          const ty = fy - y0;
          v = (at(x0, y0, c) * (1 - tx) + at(x0 + 1, y0, c) * tx) * (1 - ty) + (at(x0, y0 + 1, c) * (1 - tx) + at(x0 + 1, y0 + 1, c) * tx) * ty;
        }
        out.data[(y * width + x) * 3 + c] = v + amplitude * pattern;
      }
    }
  return out;
}

/** Seen variant: the mouth area, 2× nearest upsampling with a checkerboard. */
export const attributeEditX2: Manipulation = {
  name: 'attribute-edit-x2',
  family: 'attribute-edit',
  variant: 'seen',
  feather: (size) => scaled(size, 1) + 1,
  apply({ target, geometry, rng }) {
    const region = mouthArea(geometry, rng);
    const edited = generatorTrace(recolour(target, region, rng), 2, 'nearest-checkerboard', rng.range(3, 6));
    const alpha = featherAlpha(region, target.width, target.height, scaled(target.width, 1), 1);
    return { image: composite(target, edited, alpha), alpha };
  },
};

/** Unseen variant: the eye area, 4× bilinear upsampling with a stride-4 grid. */
export const attributeEditX4: Manipulation = {
  name: 'attribute-edit-x4',
  family: 'attribute-edit',
  variant: 'unseen',
  feather: (size) => scaled(size, 1) + 1,
  apply({ target, geometry, rng }) {
    const region = eyesArea(geometry, rng);
    const edited = generatorTrace(recolour(target, region, rng), 4, 'bilinear-grid', rng.range(3, 6));
    const alpha = featherAlpha(region, target.width, target.height, scaled(target.width, 1), 1);
    return { image: composite(target, edited, alpha), alpha };
  },
};
