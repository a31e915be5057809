// Evaluation of a model version on a labelled split (DESIGN §5).
import { type LaeConfig } from './config.ts';
import { labelOf, type LabeledSample } from './dataset.ts';
import { upsampleMap } from './heatmap.ts';
import { maskToGrid } from './images.ts';
import { accuracy, attentionIoU, equalErrorRate, pointingGame, rocAuc } from './metrics.ts';
import { type ScoreResult } from './score.ts';

export interface EvalMetrics {
  n: number;
  /** At decisionThreshold (the model's validation-chosen threshold, or the caller's). */
  accuracy: number;
  /** At p(fake) = 0.5, for comparison. */
  accuracyAtHalf: number;
  decisionThreshold: number;
  /** NaN when only one class is present. */
  auc: number;
  eer: number;
  /** Over fakes with a ground-truth mask; null when there are none. */
  localization: { n: number; iou: number; pointingGame: number; threshold: number } | null;
  confusion: { tp: number; fp: number; tn: number; fn: number };
}

export function metricsFromScores(c: LaeConfig, samples: readonly LabeledSample[], scores: readonly ScoreResult[], threshold = c.score.attentionThreshold, decisionThreshold = 0.5): EvalMetrics {
  const labels = samples.map((s) => labelOf(s.label));
  const p = scores.map((s) => s.pFake);
  const confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  labels.forEach((y, i) => {
    const f = p[i]! > decisionThreshold;
    if (f && y === 1) confusion.tp++;
    else if (f) confusion.fp++;
    else if (y === 0) confusion.tn++;
    else confusion.fn++;
  });
  let n = 0;
  let iou = 0;
  let hits = 0;
  samples.forEach((s, i) => {
    if (labels[i] !== 1 || !s.mask) return;
    const score = scores[i]!;
    const map = upsampleMap(score.attention, score.attentionSize, c.imageSize);
    const mask = maskToGrid(s.mask, c.imageSize);
    n++;
    iou += attentionIoU(map, mask, threshold);
    hits += pointingGame(map, mask, c.imageSize);
  });
  return {
    n: samples.length,
    accuracy: accuracy(p, labels, decisionThreshold),
    accuracyAtHalf: accuracy(p, labels),
    decisionThreshold,
    auc: rocAuc(p, labels),
    eer: equalErrorRate(p, labels),
    localization: n > 0 ? { n, iou: iou / n, pointingGame: hits / n, threshold } : null,
    confusion,
  };
}
