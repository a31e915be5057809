import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr when it is a terminal; otherwise a line every 10% (CI logs stay short). */
export function progressBar(label: string, total: number) {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: `${label.padEnd(10)} {bar} {percentage}% | {value}/{total} | {eta_formatted} left | {detail}`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
    bar.start(total, 0, { detail: '' });
    return { update: (v: number, detail = '') => bar.update(v, { detail }), stop: () => bar.stop() };
  }
  let lastDecile = -1;
  return {
    update(v: number, detail = '') {
      const decile = Math.floor((10 * v) / Math.max(1, total));
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label} ${v}/${total} ${detail}\n`);
      }
    },
    stop() {},
  };
}

/** A plain aligned table (summary at the end of long commands). */
export function table(rows: Record<string, string | number>[]): string {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join('  ');
  return [line(cols), line(width.map((w) => '─'.repeat(w))), ...rows.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n');
}
