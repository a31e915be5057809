import { BASELINE, CONTROL, summarize } from './summarize.ts';
import type { SimulationReport } from './simulate.ts';

// A small hand-written SVG line chart: the report must render offline with no browser or plotting stack,
// and the chart needs only lines, points, error bars, a dashed baseline and a legend.
const W = 760;
const H = 420;
const M = { left: 64, right: 220, top: 40, bottom: 56 };
const COLORS = ['#1f77b4', '#d62728', '#9467bd', '#ff7f0e', '#8c564b'];

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** A metric (default unseen accuracy) against the share of training fakes masked, one line per strategy, baseline dashed. */
const TITLES = { unseenAccuracy: 'unseen accuracy', unseenAuc: 'unseen AUC', unseenIoU: 'unseen attention IoU', seenAccuracy: 'seen accuracy' } as const;

export function learningCurveSvg(report: SimulationReport, metric: keyof typeof TITLES = 'unseenAccuracy'): string {
  const rows = summarize(report);
  const baseline = rows.find((r) => r.strategy === BASELINE)!;
  const control = rows.find((r) => r.strategy === CONTROL);
  const series = report.spec.strategies.map((s) => rows.filter((r) => r.strategy === s && Number.isFinite(r[metric].mean)));
  const xs = rows.filter((r) => r.round >= 0).map((r) => r.maskedShare);
  const ys = rows.flatMap((r) => [r[metric].mean - r[metric].sd, r[metric].mean + r[metric].sd]).filter(Number.isFinite);
  const xMax = Math.max(0.01, ...xs) * 1.05;
  const yMin = Math.max(0, Math.floor((Math.min(...ys, 1) - 0.02) * 20) / 20);
  const yMax = Math.min(1, Math.ceil((Math.max(...ys, 0) + 0.02) * 20) / 20);
  const px = (x: number) => M.left + (x / xMax) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - yMin) / (yMax - yMin || 1)) * (H - M.top - M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${M.left}" y="22" font-size="14" font-weight="bold">${esc(`${report.spec.preset}: ${TITLES[metric]} vs masks (mean ± sd over each arm's seeds)`)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const y = yMin + ((yMax - yMin) * i) / 5;
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(y)}" y2="${py(y)}" stroke="#eee"/><text x="${M.left - 8}" y="${py(y) + 4}" text-anchor="end">${y.toFixed(2)}</text>`);
    const x = (xMax * i) / 5;
    out.push(`<text x="${px(x)}" y="${H - M.bottom + 18}" text-anchor="middle">${(x * 100).toFixed(1)}%</text>`);
  }
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/><line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 14}" text-anchor="middle">share of training fakes masked</text>`);
  if (Number.isFinite(baseline[metric].mean)) {
    const y = py(baseline[metric].mean);
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#555" stroke-dasharray="6 4"/>`);
  }
  if (control && Number.isFinite(control[metric].mean)) {
    const y = py(control[metric].mean);
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#2ca02c" stroke-dasharray="2 3"/>`);
  }
  series.forEach((rs, i) => {
    const c = COLORS[i % COLORS.length]!;
    if (rs.length) out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${rs.map((r) => `${px(r.maskedShare)},${py(r[metric].mean)}`).join(' ')}"/>`);
    for (const r of rs) {
      const x = px(r.maskedShare);
      out.push(`<line x1="${x}" x2="${x}" y1="${py(r[metric].mean - r[metric].sd)}" y2="${py(r[metric].mean + r[metric].sd)}" stroke="${c}"/><circle cx="${x}" cy="${py(r[metric].mean)}" r="3.5" fill="${c}"/>`);
    }
  });
  const seedsOf = (s: string) => report.seeds.filter((x) => x.strategies[s]?.length).length;
  const legend = [...report.spec.strategies.map((s, i) => ({ name: `${s} (${seedsOf(s)} seeds)`, color: COLORS[i % COLORS.length]!, dash: '' })), { name: `${BASELINE} (${report.seeds.length} seeds)`, color: '#555', dash: '6 4' }, ...(control ? [{ name: 'cue-free control', color: '#2ca02c', dash: '2 3' }] : [])];
  legend.forEach((l, i) => {
    const y = M.top + 10 + i * 20;
    out.push(`<line x1="${W - M.right + 16}" x2="${W - M.right + 40}" y1="${y}" y2="${y}" stroke="${l.color}" stroke-width="2" ${l.dash ? `stroke-dasharray="${l.dash}"` : ''}/><text x="${W - M.right + 46}" y="${y + 4}">${esc(l.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
