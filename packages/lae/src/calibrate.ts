// The decision threshold on p(fake), chosen on validation data after training (config.train.threshold).

export type ThresholdMethod = 'fixed' | 'val-accuracy' | 'real-quantile';

/**
 * 'fixed': 0.5. 'val-accuracy': the threshold t (predict fake when p > t) of highest accuracy on (p, labels), the
 * midpoint of the widest interval that reaches it. 'real-quantile': the (1 − fpr) quantile of the reals' p
 * (so that a share ≤ fpr of them lie above it). Falls back to 0.5 when a needed class is missing.
 */
export function chooseThreshold(p: ArrayLike<number>, labels: ArrayLike<number>, method: ThresholdMethod, fpr = 0.05): number {
  if (method === 'fixed') return 0.5;
  const n = p.length;
  const reals: number[] = [];
  for (let i = 0; i < n; i++) if (labels[i] === 0) reals.push(p[i]!);
  if (method === 'real-quantile') {
    if (reals.length === 0) return 0.5;
    reals.sort((a, b) => a - b);
    // The smallest t with #{real p > t} ≤ fpr·n_real: the value at rank ceil((1 − fpr)·n) − 1.
    const idx = Math.min(reals.length - 1, Math.max(0, Math.ceil((1 - fpr) * reals.length) - 1));
    return reals[idx]!;
  }
  if (reals.length === 0 || reals.length === n) return 0.5;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a]! - p[b]!);
  // Threshold below all: every sample predicted fake → correct = #fakes. Moving t past sample i flips it to real.
  let correct = n - reals.length;
  let best = correct;
  let bestLo = -Infinity;
  let bestHi = p[order[0]!]!;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    correct += labels[i] === 0 ? 1 : -1;
    if (j + 1 < n && p[order[j + 1]!]! === p[i]!) continue; // ties move together
    const lo = p[i]!;
    const hi = j + 1 < n ? p[order[j + 1]!]! : Infinity;
    if (correct > best || (correct === best && Math.min(hi, 1) - Math.max(lo, 0) > Math.min(bestHi, 1) - Math.max(bestLo, 0))) {
      best = correct;
      bestLo = lo;
      bestHi = hi;
    }
  }
  return (Math.max(bestLo, 0) + Math.min(bestHi, 1)) / 2;
}
