import type { SetMetrics } from '@lae-studio/db';
import { wilsonInterval } from '@lae-studio/lae';
import type { ModelMetrics } from '@lae-studio/db';
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
  /** Validation (seen manipulations, cue present): far above test means a shortcut. */
  validationAccuracy: { mean: number; sd: number };
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

export const BASELINE = 'no masks (baseline)';
export const CONTROL = 'cue-free control, no masks';

function row(strategy: string, round: number, ms: ModelMetrics[]): SummaryRow {
  const unseen = pooled(ms.map((m) => m.unseen));
  return {
    strategy,
    round,
    maskedShare: stats(ms.map((m) => m.maskedShare)).mean,
    unseenAccuracy: stats(ms.map((m) => m.unseen?.accuracy)),
    unseenAccuracyCi: unseen.ci,
    unseenN: unseen.n,
    unseenPriorIoU: stats(ms.map((m) => m.unseen?.locationPriorIoU)),
    unseenAuc: stats(ms.map((m) => m.unseen?.auc)),
    seenAccuracy: stats(ms.map((m) => m.seen?.accuracy)),
    validationAccuracy: stats(ms.map((m) => m.validation?.accuracy)),
    unseenIoU: stats(ms.map((m) => m.unseen?.attentionIoU)),
  };
}

/** Mean ± sd over seeds, per strategy and round, with the no-mask baseline (and the cue-free control) as round "–". */
export function summarize(report: SimulationReport): SummaryRow[] {
  const seeds = report.seeds;
  const controls = seeds.flatMap((s) => (s.control ? [s.control] : []));
  const rows: SummaryRow[] = controls.length ? [row(CONTROL, -1, controls)] : [];
  rows.push(row(BASELINE, -1, seeds.map((s) => s.baseline)));
  for (const strategy of report.spec.strategies) {
    const rounds = Math.max(0, ...seeds.map((s) => s.strategies[strategy]?.length ?? 0));
    for (let r = 0; r < rounds; r++) {
      const pts = seeds.map((s) => s.strategies[strategy]?.[r]).filter((p) => p !== undefined);
      rows.push(row(strategy, r, pts.map((p) => p.metrics)));
    }
  }
  return rows;
}

export interface StrategyLift {
  strategy: string;
  /** Masked share of training fakes at the strategy's last round (mean over seeds). */
  maskedShare: number;
  /** Last round's unseen accuracy minus the same seed's no-mask baseline, per seed (accuracy points, ×100). */
  perSeed: { seed: number; lift: number }[];
  mean: number;
}

/** Issue 12's claim per strategy: how much the last round lifts unseen accuracy over the same seed's baseline. */
export function liftOverBaseline(report: SimulationReport): StrategyLift[] {
  return report.spec.strategies.map((strategy) => {
    const perSeed = report.seeds.flatMap((s) => {
      const last = s.strategies[strategy]?.at(-1);
      const a = last?.metrics.unseen?.accuracy;
      const b = s.baseline.unseen?.accuracy;
      return a === undefined || b === undefined ? [] : [{ seed: s.seed, lift: (a - b) * 100 }];
    });
    const shares = report.seeds.map((s) => s.strategies[strategy]?.at(-1)?.maskedShare);
    return { strategy, maskedShare: stats(shares).mean, perSeed, mean: perSeed.length ? perSeed.reduce((a, x) => a + x.lift, 0) / perSeed.length : NaN };
  });
}

const fmt = (s: { mean: number; sd: number }) => (Number.isFinite(s.mean) ? `${s.mean.toFixed(3)} ± ${s.sd.toFixed(3)}` : '–');

export function summaryMarkdown(report: SimulationReport): string {
  const lines = [
    `| arm | round | masked share of training fakes | unseen acc (mean ± sd over seeds) | unseen acc 95% CI (pooled, n) | unseen AUC | seen acc | validation acc | unseen attention IoU | location-prior IoU |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  ];
  const ci = (r: SummaryRow) => (r.unseenAccuracyCi ? `[${r.unseenAccuracyCi[0].toFixed(3)}, ${r.unseenAccuracyCi[1].toFixed(3)}] (${r.unseenN})` : '–');
  for (const r of summarize(report)) {
    lines.push(
      `| ${r.strategy} | ${r.round < 0 ? '–' : r.round} | ${(r.maskedShare * 100).toFixed(2)}% | ${fmt(r.unseenAccuracy)} | ${ci(r)} | ${fmt(r.unseenAuc)} | ${fmt(r.seenAccuracy)} | ${fmt(r.validationAccuracy)} | ${fmt(r.unseenIoU)} | ${fmt(r.unseenPriorIoU)} |`,
    );
  }
  lines.push('', 'Lift of the last round over the same seed’s no-mask baseline, unseen accuracy in points:', '');
  for (const l of liftOverBaseline(report)) {
    const seeds = l.perSeed.map((x) => `seed ${x.seed} ${x.lift >= 0 ? '+' : ''}${x.lift.toFixed(1)}`).join(', ');
    lines.push(`- ${l.strategy} (${(l.maskedShare * 100).toFixed(1)} % masked): mean ${l.mean >= 0 ? '+' : ''}${l.mean.toFixed(1)} (${seeds})`);
  }
  lines.push(
    '',
    'Chance is 0.500 on every split (balanced). Accuracy is at the model’s own threshold, chosen on validation. The CI pools the seeds’ test images and does not include seed-to-seed variance (the sd column). Validation carries the spurious cue; test does not.',
  );
  return lines.join('\n');
}
