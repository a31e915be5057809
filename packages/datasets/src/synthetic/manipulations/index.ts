import { attributeEditX2, attributeEditX4 } from './attribute-edit.ts';
import { inpaintDiffusion, inpaintPatch } from './inpainting.ts';
import { noiseAdd, noiseSmooth } from './noise-inconsistency.ts';
import { regionSwapFeather, regionSwapPoisson } from './region-swap.ts';
import { resampleRotate, resampleScale } from './resampling.ts';
import { type Manipulation } from './types.ts';
import { V2_MANIPULATIONS } from './v2.ts';

export { FAMILIES, type Family, type Manipulation, type ManipulationInput, type ManipulationOutput, type Variant } from './types.ts';

/** Every manipulation, seen and unseen variant of each family. */
export const MANIPULATIONS: readonly Manipulation[] = [
  regionSwapFeather,
  regionSwapPoisson,
  attributeEditX2,
  attributeEditX4,
  inpaintDiffusion,
  inpaintPatch,
  resampleScale,
  resampleRotate,
  noiseAdd,
  noiseSmooth,
  ...V2_MANIPULATIONS,
];

export const MANIPULATION_NAMES = MANIPULATIONS.map((m) => m.name);

export function getManipulation(name: string): Manipulation {
  const found = MANIPULATIONS.find((m) => m.name === name);
  if (!found) throw new RangeError(`unknown manipulation ${JSON.stringify(name)}; known: ${MANIPULATION_NAMES.join(', ')}`);
  return found;
}

export { borderBand, V2_AREA, V2_MANIPULATIONS } from './v2.ts';
