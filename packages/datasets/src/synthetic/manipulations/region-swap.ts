import { poissonFill } from '../poisson.ts';
import { composite, featherAlpha, hardAlpha, scaled } from './blend.ts';
import { innerFace } from './regions.ts';
import { type Manipulation } from './types.ts';

// Face swap: the inner face (brows to mouth) of another identity, aligned to the target's geometry, pasted in.

/** Seen variant: alpha blending with a feathered edge, as classic swap pipelines do. */
export const regionSwapFeather: Manipulation = {
  name: 'region-swap-feather',
  family: 'region-swap',
  variant: 'seen',
  feather: (size) => scaled(size, 3) * 2 + 1,
  apply({ target, geometry, rng, renderDonor }) {
    const region = innerFace(geometry, rng);
    const donor = renderDonor();
    const alpha = featherAlpha(region, target.width, target.height, scaled(target.width, 3), 2);
    return { image: composite(target, donor, alpha), alpha };
  },
};

/** Unseen variant: Poisson (gradient-domain) cloning, which adapts the donor's colours to the target's edge. */
export const regionSwapPoisson: Manipulation = {
  name: 'region-swap-poisson',
  family: 'region-swap',
  variant: 'unseen',
  feather: () => 0,
  apply({ target, geometry, rng, renderDonor }) {
    const region = innerFace(geometry, rng);
    const donor = renderDonor();
    return { image: poissonFill(target, donor, region, Math.ceil(target.width * 0.7)), alpha: hardAlpha(region) };
  },
};
