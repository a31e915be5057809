import { addGaussianNoise, blurRaster, cloneRaster } from '../raster.ts';
import { composite, hardAlpha } from './blend.ts';
import { faceBlob } from './regions.ts';
import { type Manipulation } from './types.ts';

// Noise-level inconsistency: a region whose sensor noise does not match the rest of the image, the trace
// a splice from another camera or a denoised retouch leaves.

/** Seen variant: extra Gaussian noise in the region. */
export const noiseAdd: Manipulation = {
  name: 'noise-add',
  family: 'noise-inconsistency',
  variant: 'seen',
  feather: () => 0,
  apply({ target, geometry, rng }) {
    const region = faceBlob(geometry, rng, 1.6);
    const image = cloneRaster(target);
    addGaussianNoise(image, rng.range(6, 11), rng, region);
    return { image, alpha: hardAlpha(region) };
  },
};

/** Unseen variant: the region is smoothed, so it is quieter than its surroundings. */
export const noiseSmooth: Manipulation = {
  name: 'noise-smooth',
  family: 'noise-inconsistency',
  variant: 'unseen',
  feather: () => 0,
  apply({ target, geometry, rng }) {
    const region = faceBlob(geometry, rng, 1.6);
    const alpha = hardAlpha(region);
    return { image: composite(target, blurRaster(target, 1), alpha), alpha };
  },
};
