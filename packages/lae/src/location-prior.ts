// The trivial localisation baseline: where forgeries usually are. An attention IoU that the training masks'
// mean location also earns says nothing about what the model looks at.
import { attentionIoU } from './metrics.ts';

/** Mean of binary S×S masks, scaled to [0, 1] by its maximum (an "attention map" that ignores the image). */
export function locationPrior(masks: readonly ArrayLike<number>[], pixels: number): Float32Array {
  const prior = new Float32Array(pixels);
  for (const m of masks) {
    if (m.length !== pixels) throw new RangeError(`every mask must have ${pixels} pixels (got ${m.length})`);
    for (let i = 0; i < pixels; i++) if (m[i]! > 0) prior[i]! += 1;
  }
  let max = 0;
  for (let i = 0; i < pixels; i++) max = Math.max(max, prior[i]!);
  if (max > 0) for (let i = 0; i < pixels; i++) prior[i]! /= max;
  return prior;
}

/** Mean IoU of the prior, thresholded as attention maps are, with each test mask; null without test masks. */
export function locationPriorIoU(prior: ArrayLike<number>, testMasks: readonly ArrayLike<number>[], threshold: number): number | null {
  if (testMasks.length === 0) return null;
  let sum = 0;
  for (const m of testMasks) sum += attentionIoU(prior, m, threshold);
  return sum / testMasks.length;
}
