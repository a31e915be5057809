import { pct } from '@/server/admin/format';

/** About the width of a 10 px label ("budget 12.5%", "3% (paper)") in the gauge's units. */
const LABEL_WIDTH = 64;

/**
 * The budget's and the paper's labels, both above the bar: centred on their lines when apart; when closer
 * than a label's width, each leans away from the other (left one ends at its line, right one starts there);
 * one label for both when the lines coincide. They never overlap.
 */
export function gaugeLabels(budgetX: number, paperX: number, budgetText: string): { x: number; anchor: 'start' | 'middle' | 'end'; text: string; color: string }[] {
  const budget = { text: `budget ${budgetText}`, color: 'var(--text)' };
  const paper = { text: '3% (paper)', color: 'var(--danger)' };
  if (Math.abs(budgetX - paperX) < 1) return [{ x: budgetX, anchor: 'middle', text: `budget ${budgetText} = 3% (paper)`, color: 'var(--text)' }];
  if (Math.abs(budgetX - paperX) >= LABEL_WIDTH) return [{ x: budgetX, anchor: 'middle', ...budget }, { x: paperX, anchor: 'middle', ...paper }];
  const [left, right] = budgetX < paperX ? [{ x: budgetX, ...budget }, { x: paperX, ...paper }] : [{ x: paperX, ...paper }, { x: budgetX, ...budget }];
  return [{ ...left, x: left.x - 3, anchor: 'end' }, { ...right, x: right.x + 3, anchor: 'start' }];
}

/**
 * Share of training fakes masked, as a horizontal gauge with the project's total budget and the paper's
 * 3% line. The scale is max(2 × budget, 5%, share) so both lines stay readable at small budgets.
 */
export function BudgetGauge({ share, budget, masked, trainFakes, open }: { share: number; budget: number; masked: number; trainFakes: number; open: number }) {
  const max = Math.max(2 * budget, 0.05, share * 1.1);
  const x = (v: number) => 24 + (Math.min(v, max) / max) * 472;
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  const labels = gaugeLabels(x(budget), x(0.03), pct(budget));
  return (
    <figure className="gauge" data-testid="budget-gauge" aria-label={`Masked ${pct(share, 2)} of training fakes; budget ${pct(budget)}`}>
      <svg viewBox="0 0 520 74" width="100%" style={{ maxWidth: 760, display: 'block' }} role="img">
        <rect x={24} y={18} width={472} height={22} rx={4} fill="var(--panel-2)" stroke="var(--border)" />
        <rect x={24} y={18} width={Math.max(0, x(share) - 24)} height={22} rx={4} fill={share >= budget ? 'var(--ok)' : 'var(--accent)'} />
        <line x1={x(budget)} x2={x(budget)} y1={12} y2={46} stroke="var(--text)" strokeDasharray="3 2" />
        {labels.map((l) => (
          <text key={l.text} x={l.x} y={9} fill={l.color} fontSize={10} textAnchor={l.anchor}>
            {l.text}
          </text>
        ))}
        <line x1={x(0.03)} x2={x(0.03)} y1={14} y2={46} stroke="var(--danger)" strokeWidth={2} />
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={70} fill="var(--muted)" fontSize={9} textAnchor="middle">
            {pct(t, 1)}
          </text>
        ))}
      </svg>
      <figcaption className="muted">
        <b style={{ color: 'var(--text)' }}>{masked}</b> of {trainFakes} training fakes masked (<b style={{ color: 'var(--text)' }}>{pct(share, 2)}</b>), {open} tasks open
      </figcaption>
    </figure>
  );
}
