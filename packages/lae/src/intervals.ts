// 95% confidence intervals for the figures a model version reports, so that a number chance also earns is
// seen as such (a 400-image split has a standard error of ≈ 2.5 accuracy points).

const Z95 = 1.959963984540054;

/** Wilson score interval of a proportion (`successes` of `n`); [0, 1] when n = 0. */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] {
  if (!(n > 0)) return [0, 1];
  if (successes < 0 || successes > n) throw new RangeError(`successes must be within 0…n (got ${successes} of ${n})`);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Interval of a ROC AUC from its standard error by Hanley & McNeil (1982), for `nPos` fakes and `nNeg` reals;
 * null when a class is missing or the AUC is not a number.
 */
export function aucInterval(auc: number, nPos: number, nNeg: number, z = Z95): [number, number] | null {
  if (!Number.isFinite(auc) || !(nPos > 0) || !(nNeg > 0)) return null;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance = (auc * (1 - auc) + (nPos - 1) * (q1 - auc * auc) + (nNeg - 1) * (q2 - auc * auc)) / (nPos * nNeg);
  const se = Math.sqrt(Math.max(0, variance));
  return [Math.max(0, auc - z * se), Math.min(1, auc + z * se)];
}
