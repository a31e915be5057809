import type { SimulationReport } from './simulate.ts';

export interface SummaryRow {
  strategy: string;
  round: number;
  maskedShare: number;
  unseenAccuracy: { mean: number; sd: number };
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

/** Mean ± sd over seeds, per strategy and round, with the no-mask baseline as round "–". */
export function summarize(report: SimulationReport): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const seeds = report.seeds;
  rows.push({
    strategy: 'no masks (baseline)',
    round: -1,
    maskedShare: 0,
    unseenAccuracy: stats(seeds.map((s) => s.baseline.unseen?.accuracy)),
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
    `| strategy | round | masked share of training fakes | unseen acc | unseen AUC | seen acc | unseen attention IoU |`,
    `| --- | --- | --- | --- | --- | --- | --- |`,
  ];
  for (const r of summarize(report)) {
    lines.push(`| ${r.strategy} | ${r.round < 0 ? '–' : r.round} | ${(r.maskedShare * 100).toFixed(2)}% | ${fmt(r.unseenAccuracy)} | ${fmt(r.unseenAuc)} | ${fmt(r.seenAccuracy)} | ${fmt(r.unseenIoU)} |`);
  }
  return lines.join('\n');
}
