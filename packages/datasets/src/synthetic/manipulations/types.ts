import { type FaceGeometry, type FaceLook } from '../face.ts';
import { type Rng } from '../prng.ts';
import { type Raster } from '../raster.ts';

export const FAMILIES = ['region-swap', 'attribute-edit', 'inpainting', 'resampling', 'noise-inconsistency'] as const;
export type Family = (typeof FAMILIES)[number];
export type Variant = 'seen' | 'unseen';

export interface ManipulationInput {
  target: Raster;
  geometry: FaceGeometry;
  look: FaceLook;
  rng: Rng;
  /** Renders another identity aligned to the target's geometry (only face swaps ask for one). */
  renderDonor: () => Raster;
}

export interface ManipulationOutput {
  image: Raster;
  /**
   * Weight of manipulated content per pixel, in [0, 1]. Exactly 0 means the pixel is untouched (bit-identical);
   * the ground-truth mask is alpha ≥ 0.5.
   */
  alpha: Float32Array;
}

export interface Manipulation {
  /** Folder-safe name, e.g. `region-swap-feather`; what records and folders call the manipulation. */
  name: string;
  family: Family;
  variant: Variant;
  /** Farthest a changed pixel may lie from the mask (Chebyshev px at the image size), from feathered blending. */
  feather(size: number): number;
  apply(input: ManipulationInput): ManipulationOutput;
}
