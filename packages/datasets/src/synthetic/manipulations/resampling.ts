import { cloneRaster, sampleBilinear, type Raster } from '../raster.ts';
import { composite, featherAlpha, scaled } from './blend.ts';
import { featureArea } from './regions.ts';
import { type Manipulation } from './types.ts';

// Local resampling: a feature is warped in place (enlarged eyes, a rotated mouth), re-interpolating its pixels.

function centroid(region: Uint8Array, width: number): [number, number] {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = 0; i < region.length; i++)
    if (region[i] === 1) {
      sx += i % width;
      sy += Math.floor(i / width);
      n++;
    }
  return [sx / Math.max(1, n) + 0.5, sy / Math.max(1, n) + 0.5];
}

/** Inverse-maps every pixel of `src` through `map` (output → input coordinates) with the given sampler. */
function warp(src: Raster, map: (x: number, y: number) => [number, number], nearest: boolean): Raster {
  const out = cloneRaster(src);
  const { width, height } = src;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [sx, sy] = map(x + 0.5, y + 0.5);
      for (let c = 0; c < 3; c++) {
        out.data[(y * width + x) * 3 + c] = nearest
          ? (src.data[(Math.min(height - 1, Math.max(0, Math.floor(sy))) * width + Math.min(width - 1, Math.max(0, Math.floor(sx)))) * 3 + c] as number)
          : sampleBilinear(src, sx - 0.5, sy - 0.5, c);
      }
    }
  return out;
}

/** Seen variant: magnification about the feature centre with bilinear interpolation. */
export const resampleScale: Manipulation = {
  name: 'resample-scale',
  family: 'resampling',
  variant: 'seen',
  feather: (size) => scaled(size, 2) * 2 + 1,
  apply({ target, geometry, rng }) {
    const region = featureArea(geometry, rng);
    const [cx, cy] = centroid(region, target.width);
    const s = rng.range(1.18, 1.4);
    const warped = warp(target, (x, y) => [cx + (x - cx) / s, cy + (y - cy) / s], false);
    const alpha = featherAlpha(region, target.width, target.height, scaled(target.width, 2), 2);
    return { image: composite(target, warped, alpha), alpha };
  },
};

/** Unseen variant: rotation with nearest-neighbour sampling. */
export const resampleRotate: Manipulation = {
  name: 'resample-rotate',
  family: 'resampling',
  variant: 'unseen',
  feather: (size) => scaled(size, 2) * 2 + 1,
  apply({ target, geometry, rng }) {
    const region = featureArea(geometry, rng);
    const [cx, cy] = centroid(region, target.width);
    const theta = (rng.bool() ? 1 : -1) * rng.range(0.15, 0.35);
    const cos = Math.cos(theta);
    const sin = Math.sin(theta);
    // A sub-pixel shift too, so nearest-neighbour sampling moves the centre pixels as well.
    const sx = (rng.bool() ? 1 : -1) * rng.range(0.6, 0.9);
    const sy = (rng.bool() ? 1 : -1) * rng.range(0.6, 0.9);
    const warped = warp(target, (x, y) => [cx + sx + (x - cx) * cos - (y - cy) * sin, cy + sy + (x - cx) * sin + (y - cy) * cos], true);
    const alpha = featherAlpha(region, target.width, target.height, scaled(target.width, 2), 2);
    return { image: composite(target, warped, alpha), alpha };
  },
};
