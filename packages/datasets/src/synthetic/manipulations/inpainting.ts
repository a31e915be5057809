import { poissonFill } from '../poisson.ts';
import { cloneRaster, type Raster } from '../raster.ts';
import { type Rng } from '../prng.ts';
import { ellipseRegion } from '../shapes.ts';
import { composite, hardAlpha, scaled } from './blend.ts';
import { faceBlob } from './regions.ts';
import { type Manipulation } from './types.ts';

// Inpainting: a blob on the face is erased and filled from its surroundings.

/** Seen variant: diffusion fill (harmonic interpolation of the border): smooth, noise-free. */
export const inpaintDiffusion: Manipulation = {
  name: 'inpaint-diffusion',
  family: 'inpainting',
  variant: 'seen',
  feather: () => 0,
  apply({ target, geometry, rng }) {
    const region = faceBlob(geometry, rng);
    return { image: poissonFill(target, null, region, Math.ceil(target.width * 0.6)), alpha: hardAlpha(region) };
  },
};

/**
 * Copies blocks from offsets whose source lies entirely in `allowed` (on the face, outside the region):
 * an exemplar-based fill.
 */
function patchFill(target: Raster, region: Uint8Array, allowed: Uint8Array, block: number, rng: Rng): Raster {
  const { width, height } = target;
  const out = cloneRaster(target);
  let x0 = width;
  let y0 = height;
  let x1 = 0;
  let y1 = 0;
  for (let i = 0; i < region.length; i++)
    if (region[i] === 1) {
      const x = i % width;
      const y = (i - x) / width;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  const span = Math.max(x1 - x0, y1 - y0) + block;
  for (let by = y0; by <= y1; by += block)
    for (let bx = x0; bx <= x1; bx += block) {
      let dx = 0;
      let dy = 0;
      for (let attempt = 0; attempt < 40; attempt++) {
        const ox = Math.round(rng.range(-1.2, 1.2) * span);
        const oy = Math.round(rng.range(-1.2, 1.2) * span);
        let clean = Math.abs(ox) + Math.abs(oy) >= block;
        for (let y = by; clean && y < by + block; y++)
          for (let x = bx; clean && x < bx + block; x++) {
            const sx = x + ox;
            const sy = y + oy;
            if (sx < 0 || sy < 0 || sx >= width || sy >= height || allowed[sy * width + sx] === 0) clean = false;
          }
        if (clean) {
          dx = ox;
          dy = oy;
          break;
        }
      }
      for (let y = by; y < Math.min(height, by + block); y++)
        for (let x = bx; x < Math.min(width, bx + block); x++) {
          const i = y * width + x;
          if (region[i] === 0) continue;
          // Fallback when no clean source was found: mirror from above the block.
          const sx = dx === 0 && dy === 0 ? x : x + dx;
          const sy = dx === 0 && dy === 0 ? Math.max(0, y0 - 1 - (y - y0)) : y + dy;
          const j = (Math.min(height - 1, Math.max(0, sy)) * width + Math.min(width - 1, Math.max(0, sx))) * 3;
          out.data[i * 3] = target.data[j] as number;
          out.data[i * 3 + 1] = target.data[j + 1] as number;
          out.data[i * 3 + 2] = target.data[j + 2] as number;
        }
    }
  return out;
}

/** Unseen variant: patch-based fill, textured but with block seams. */
export const inpaintPatch: Manipulation = {
  name: 'inpaint-patch',
  family: 'inpainting',
  variant: 'unseen',
  feather: () => 0,
  apply({ target, geometry, rng }) {
    const region = faceBlob(geometry, rng);
    const alpha = hardAlpha(region);
    const face = geometry.face;
    const allowed = ellipseRegion(target.width, target.height, [{ ...face, rx: face.rx * 0.85, ry: face.ry * 0.85 }]);
    for (let i = 0; i < allowed.length; i++) if (region[i] === 1) allowed[i] = 0;
    return { image: composite(target, patchFill(target, region, allowed, scaled(target.width, 5), rng), alpha), alpha };
  },
};
