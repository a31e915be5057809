// Mask-guided counterfactuals (config.train.counterfactual; beyond the paper, a measured option). A masked fake
// F with mask M, paired with a real R of the same batch, gives two more training images:
//   real-in-context  a·R + (1−a)·F, label real: F's genuine context (and anything spurious in it) with real
//                    content where the forgery was — context alone must not make an image fake;
//   forgery-moved    a·F + (1−a)·R, label fake, mask M: F's forgery in a real image's context.
// a is M feathered by a box blur, so the composite adds no hard seam the forgery did not have.

/** Feathered alpha of a binary S×S mask: a separable box blur of radius r (clamped at the edges), in [0,1]. */
export function featherMask(mask: Float32Array, size: number, radius: number): Float32Array {
  if (radius <= 0) return Float32Array.from(mask);
  const blur1d = (src: Float32Array, stride: number, step: number): Float32Array => {
    const out = new Float32Array(src.length);
    for (let line = 0; line < size; line++)
      for (let i = 0; i < size; i++) {
        let s = 0;
        for (let k = -radius; k <= radius; k++) {
          const j = Math.min(size - 1, Math.max(0, i + k));
          s += src[line * stride + j * step]!;
        }
        out[line * stride + i * step] = s / (2 * radius + 1);
      }
    return out;
  };
  return blur1d(blur1d(mask, size, 1), 1, size);
}

/** Feather radius at image size S: 2 px at 64² (the seen face swap's own feather), scaled with S. */
export const featherRadius = (size: number): number => Math.max(1, Math.round((2 * size) / 64));

/**
 * Writes the pair for fake `f` and real `r` (S×S×3 floats in [0,1]) into realOut / fakeOut: a·r + (1−a)·f and
 * a·f + (1−a)·r, with alpha S×S.
 */
export function compositePair(f: Float32Array, r: Float32Array, alpha: Float32Array, realOut: Float32Array, fakeOut: Float32Array): void {
  for (let p = 0; p < alpha.length; p++) {
    const a = alpha[p]!;
    for (let c = 0; c < 3; c++) {
      const i = p * 3 + c;
      realOut[i] = a * r[i]! + (1 - a) * f[i]!;
      fakeOut[i] = a * f[i]! + (1 - a) * r[i]!;
    }
  }
}

/**
 * The pairs a batch adds: its k-th masked fake with its k-th real (cycling over the reals), deterministic in the
 * batch's order so that data-parallel shards agree. Empty without masked fakes or reals.
 */
export function pairsOf(labels: ArrayLike<number>, masked: ArrayLike<number>): [fake: number, real: number][] {
  const reals: number[] = [];
  const fakes: number[] = [];
  for (let j = 0; j < labels.length; j++) {
    if (labels[j] === 0) reals.push(j);
    else if (masked[j] === 1) fakes.push(j);
  }
  if (reals.length === 0) return [];
  return fakes.map((f, k) => [f, reals[k % reals.length]!]);
}
