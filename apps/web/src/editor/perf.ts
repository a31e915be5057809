// Optional timing through the standard User Timing API, read by the editor benchmark (bench/editor.ts).
// Only when the page was opened with ?perf=1, so a day of painting does not pile up entries.

export function perfEnabled(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).has('perf');
}

export function recordDuration(name: 'lae-frame' | 'lae-autosave', start: number, end = performance.now()): void {
  if (perfEnabled()) performance.measure(name, { start, end });
}
