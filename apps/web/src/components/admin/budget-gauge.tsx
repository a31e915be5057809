import { pct } from '@/server/admin/format';

/**
 * Share of training fakes masked, as a horizontal gauge with the project's total budget and the paper's
 * 3% line. The scale is max(2 × budget, 5%, share) so both lines stay readable at small budgets.
 */
export function BudgetGauge({ share, budget, masked, trainFakes, open }: { share: number; budget: number; masked: number; trainFakes: number; open: number }) {
  const max = Math.max(2 * budget, 0.05, share * 1.1);
  const x = (v: number) => 24 + (Math.min(v, max) / max) * 472;
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  return (
    <figure className="gauge" data-testid="budget-gauge" aria-label={`Masked ${pct(share, 2)} of training fakes; budget ${pct(budget)}`}>
      <svg viewBox="0 0 520 74" width="100%" style={{ maxWidth: 760, display: 'block' }} role="img">
        <rect x={24} y={18} width={472} height={22} rx={4} fill="var(--panel-2)" stroke="var(--border)" />
        <rect x={24} y={18} width={Math.max(0, x(share) - 24)} height={22} rx={4} fill={share >= budget ? 'var(--ok)' : 'var(--accent)'} />
        <line x1={x(budget)} x2={x(budget)} y1={12} y2={46} stroke="var(--text)" strokeDasharray="3 2" />
        <text x={x(budget)} y={9} fill="var(--text)" fontSize={10} textAnchor="middle">
          budget {pct(budget)}
        </text>
        <line x1={x(0.03)} x2={x(0.03)} y1={14} y2={46} stroke="var(--danger)" strokeWidth={2} />
        <text x={x(0.03)} y={58} fill="var(--danger)" fontSize={10} textAnchor="middle">
          3% (paper)
        </text>
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
