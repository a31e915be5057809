// Detection metrics (accuracy, ROC AUC, EER) and localisation metrics (IoU, pointing game).

export function accuracy(pFake: ArrayLike<number>, labels: ArrayLike<number>, threshold = 0.5): number {
  if (pFake.length === 0) return NaN;
  let right = 0;
  for (let i = 0; i < pFake.length; i++) if ((pFake[i]! > threshold ? 1 : 0) === labels[i]) right++;
  return right / pFake.length;
}

/** ROC AUC by the rank statistic (ties count one half); NaN when a class is missing. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let neg = 0;
  let rankSumPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) {
      if (labels[idx[t]!] === 1) {
        pos++;
        rankSumPos += avgRank;
      } else {
        neg++;
      }
    }
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Equal error rate: where the false-positive and false-negative rates cross (linear interpolation). */
export function equalErrorRate(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos++;
    else neg++;
  }
  if (pos === 0 || neg === 0) return NaN;
  const thresholds = Array.from(new Set(Array.from(scores))).sort((a, b) => a - b);
  thresholds.push(Infinity);
  let prev: { fpr: number; fnr: number } | null = null;
  for (const t of [-Infinity, ...thresholds]) {
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < scores.length; i++) {
      const predFake = scores[i]! >= t;
      if (predFake && labels[i] === 0) fp++;
      if (!predFake && labels[i] === 1) fn++;
    }
    const cur = { fpr: fp / neg, fnr: fn / pos };
    if (cur.fnr >= cur.fpr) {
      if (!prev) return (cur.fpr + cur.fnr) / 2;
      // The crossing lies between prev (fpr > fnr) and cur.
      const d1 = prev.fpr - prev.fnr;
      const d2 = cur.fnr - cur.fpr;
      const w = d1 / (d1 + d2);
      return (prev.fpr + w * (cur.fpr - prev.fpr) + prev.fnr + w * (cur.fnr - prev.fnr)) / 2;
    }
    prev = cur;
  }
  return prev ? (prev.fpr + prev.fnr) / 2 : NaN;
}

/** IoU of the attention map thresholded at `threshold` with a binary mask (both S×S); 1 when both are empty. */
export function attentionIoU(map: ArrayLike<number>, mask: ArrayLike<number>, threshold: number): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < map.length; i++) {
    const a = map[i]! >= threshold;
    const m = mask[i]! > 0;
    if (a && m) inter++;
    if (a || m) union++;
  }
  return union === 0 ? 1 : inter / union;
}

/** Pointing game: 1 when the attention maximum falls inside the mask (within `tolerance` pixels). */
export function pointingGame(map: ArrayLike<number>, mask: ArrayLike<number>, size: number, tolerance = 0): 0 | 1 {
  let best = 0;
  for (let i = 1; i < map.length; i++) if (map[i]! > map[best]!) best = i;
  const by = Math.floor(best / size);
  const bx = best % size;
  for (let y = Math.max(0, by - tolerance); y <= Math.min(size - 1, by + tolerance); y++) {
    for (let x = Math.max(0, bx - tolerance); x <= Math.min(size - 1, bx + tolerance); x++) {
      if ((x - bx) ** 2 + (y - by) ** 2 <= tolerance ** 2 && mask[y * size + x]! > 0) return 1;
    }
  }
  return 0;
}
