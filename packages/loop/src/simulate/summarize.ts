import type { SetMetrics } from '@lae-studio/db';
import { wilsonInterval } from '@lae-studio/lae';
import type { SimulationReport } from './simulate.ts';

export interface SummaryRow {
  strategy: string;
  round: number;
  maskedShare: number;
  unseenAccuracy: { mean: number; sd: number };
  /** 95% Wilson interval of unseen accuracy over every seed's test images pooled (seed variance is `sd`). */
  unseenAccuracyCi: [number, number] | null;
  /** Unseen test images behind it, all seeds. */
  unseenN: number;
  /** IoU the training masks' mean location alone earns on unseen fakes (the trivial localisation baseline). */
  unseenPriorIoU: { mean: number; sd: number };
  unseenAuc: { mean: number; sd: number };
  seenAccuracy: { mean: number; sd: number };
  unseenIoU: { mean: number; sd: number };
}

function stats(xs: (number | null | undefined)[]): { mean: number; sd: number } {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (!v.length) return { mean: NaN, sd: NaN };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  return { mean, sd };
}

function pooled(sets: (SetMetrics | null | undefined)[]): { ci: [number, number] | null; n: number } {
  const v = sets.filter((x): x is SetMetrics => !!x && x.n > 0);
  const n = v.reduce((a, x) => a + x.n, 0);
  const right = v.reduce((a, x) => a + Math.round(x.accuracy * x.n), 0);
  return { ci: n ? wilsonInterval(right, n) : null, n };
}

/** Mean ± sd over seeds, per strategy and round, with the no-mask baseline as round "–". */
export function summarize(report: SimulationReport): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const seeds = report.seeds;
  rows.push({
    strategy: 'no masks (baseline)',
    round: -1,
    maskedShare: 0,
    unseenAccuracy: stats(seeds.map((s) => s.baseline.unseen?.accuracy)),
    unseenAccuracyCi: pooled(seeds.map((s) => s.baseline.unseen)).ci,
    unseenN: pooled(seeds.map((s) => s.baseline.unseen)).n,
    unseenPriorIoU: stats(seeds.map((s) => s.baseline.unseen?.locationPriorIoU)),
    unseenAuc: stats(seeds.map((s) => s.baseline.unseen?.auc)),
    seenAccuracy: stats(seeds.map((s) => s.baseline.seen?.accuracy)),
    unseenIoU: stats(seeds.map((s) => s.baseline.unseen?.attentionIoU)),
  });
  for (const strategy of report.spec.strategies) {
    const rounds = Math.max(0, ...seeds.map((s) => s.strategies[strategy]?.length ?? 0));
    for (let r = 0; r < rounds; r++) {
      const pts = seeds.map((s) => s.strategies[strategy]?.[r]).filter((p) => p !== undefined);
      rows.push({
        strategy,
        round: r,
        maskedShare: stats(pts.map((p) => p.maskedShare)).mean,
        unseenAccuracy: stats(pts.map((p) => p.metrics.unseen?.accuracy)),
        unseenAccuracyCi: pooled(pts.map((p) => p.metrics.unseen)).ci,
        unseenN: pooled(pts.map((p) => p.metrics.unseen)).n,
        unseenPriorIoU: stats(pts.map((p) => p.metrics.unseen?.locationPriorIoU)),
        unseenAuc: stats(pts.map((p) => p.metrics.unseen?.auc)),
        seenAccuracy: stats(pts.map((p) => p.metrics.seen?.accuracy)),
        unseenIoU: stats(pts.map((p) => p.metrics.unseen?.attentionIoU)),
      });
    }
  }
  return rows;
}

const fmt = (s: { mean: number; sd: number }) => (Number.isFinite(s.mean) ? `${s.mean.toFixed(3)} ± ${s.sd.toFixed(3)}` : '–');

export function summaryMarkdown(report: SimulationReport): string {
  const lines = [
    `| strategy | round | masked share of training fakes | unseen acc (mean ± sd over seeds) | unseen acc 95% CI (pooled, n) | unseen AUC | seen acc | unseen attention IoU | location-prior IoU |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  ];
  const ci = (r: SummaryRow) => (r.unseenAccuracyCi ? `[${r.unseenAccuracyCi[0].toFixed(3)}, ${r.unseenAccuracyCi[1].toFixed(3)}] (${r.unseenN})` : '–');
  for (const r of summarize(report)) {
    lines.push(
      `| ${r.strategy} | ${r.round < 0 ? '–' : r.round} | ${(r.maskedShare * 100).toFixed(2)}% | ${fmt(r.unseenAccuracy)} | ${ci(r)} | ${fmt(r.unseenAuc)} | ${fmt(r.seenAccuracy)} | ${fmt(r.unseenIoU)} | ${fmt(r.unseenPriorIoU)} |`,
    );
  }
  lines.push('', 'Chance is 0.500 on every split (balanced). The CI pools the seeds’ test images and does not include seed-to-seed variance (the sd column).');
  return lines.join('\n');
}
