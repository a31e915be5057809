import type { SetMetrics } from '@lae-studio/db';
import { aucInterval, wilsonInterval, type EvalMetrics } from '@lae-studio/lae';

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** A split's evaluation as a model version stores it, with its 95% intervals. */
export function toSetMetrics(m: EvalMetrics, locationPriorIoU: number | null = null): SetMetrics {
  const { tp, fp, tn, fn } = m.confusion;
  return {
    n: m.n,
    accuracy: m.accuracy,
    accuracyCi: wilsonInterval(tp + tn, tp + fp + tn + fn),
    auc: finite(m.auc),
    aucCi: aucInterval(m.auc, tp + fn, tn + fp),
    eer: finite(m.eer),
    attentionIoU: m.localization ? m.localization.iou : null,
    locationPriorIoU: m.localization ? locationPriorIoU : null,
    pointingGame: m.localization ? m.localization.pointingGame : null,
  };
}
