// Data benchmark: images generated per second at 128×128, images imported per second (scanned, decoded,
// hashed, into an in-memory sink), and bytes per stored mask (PNG vs COCO RLE string) for generator masks.
// Usage: npm run bench -w @lae-studio/datasets [-- <images per run, default 600>]
import { encodeCompressedRle, encodeMaskPng, encodeRle } from '@lae-studio/mask-codec';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateBenchmark, importFolder, MemorySink, presetConfig, writeBenchmark, type PresetName } from '../src/index.ts';

const count = Number(process.argv[2] ?? 600);
const size = 128;

function rate(n: number, startWall: number, startCpu: NodeJS.CpuUsage): { wall: number; cpu: number } {
  const seconds = (performance.now() - startWall) / 1000;
  const cpu = process.cpuUsage(startCpu);
  return { wall: n / seconds, cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

const fmt = (v: number) => v.toFixed(0).padStart(6);

console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, node ${process.version}, ${count} images per run, ${size}×${size}`);

// Warm up the JIT and sharp once so the first measured run is not penalised.
for await (const _ of generateBenchmark(presetConfig('all-families', { size, counts: { train: 40, val: 0, test: 40 } }))) void _;

console.log('\ngenerated images per second (PNG output; "per CPU-s" = images per second of CPU time, i.e. per core)');
const cases: [PresetName, 'jpeg' | 'noise' | 'none'][] = [
  ['all-families', 'jpeg'],
  ['all-families', 'noise'],
  ['face-swap', 'jpeg'],
  ['attribute-edit', 'jpeg'],
  ['inpainting', 'jpeg'],
];
for (const [preset, cue] of cases) {
  const config = presetConfig(preset, { seed: 1, size, counts: { train: Math.round(count * 0.75), val: 0, test: Math.round(count * 0.25) }, cue: { kind: cue } });
  const w = performance.now();
  const c = process.cpuUsage();
  let n = 0;
  for await (const _ of generateBenchmark(config)) n++;
  const r = rate(n, w, c);
  console.log(`  ${preset.padEnd(15)} cue=${cue.padEnd(6)} ${fmt(r.wall)} /s wall  ${fmt(r.cpu)} /s per CPU-s`);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'lae-bench-'));
try {
  const config = presetConfig('all-families', { seed: 2, size, counts: { train: Math.round(count * 0.75), val: 0, test: Math.round(count * 0.25) } });
  await writeBenchmark(config, dir);
  const w = performance.now();
  const c = process.cpuUsage();
  const report = await importFolder(dir, new MemorySink(false));
  const r = rate(report.scanned, w, c);
  console.log(`\nimported images per second (folder layout, read + sha256 + full decode + mask decode, memory sink)`);
  console.log(`  ${report.scanned} images (${report.masks} with masks), ${report.added} added, ${report.issues.length} issues: ${fmt(r.wall)} /s wall  ${fmt(r.cpu)} /s per CPU-s`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

console.log('\nbytes per stored mask (generator masks, 128×128)');
const perFamily = new Map<string, { n: number; png1: number; png8: number; rle: number; list: number; area: number }>();
const config = presetConfig('all-families', { seed: 3, size, counts: { train: count, val: 0, test: count / 2 } });
for await (const r of generateBenchmark(config, { output: 'rgb' })) {
  if (!r.mask || !r.family) continue;
  const s = perFamily.get(r.family) ?? { n: 0, png1: 0, png8: 0, rle: 0, list: 0, area: 0 };
  s.n++;
  s.png1 += encodeMaskPng(r.mask, { bitDepth: 1 }).length;
  s.png8 += encodeMaskPng(r.mask, { bitDepth: 8 }).length;
  s.rle += new TextEncoder().encode(encodeCompressedRle(r.mask).counts).length;
  s.list += JSON.stringify(encodeRle(r.mask).counts).length;
  s.area += r.mask.data.reduce((a, v) => a + v, 0);
  perFamily.set(r.family, s);
}
const total = { n: 0, png1: 0, png8: 0, rle: 0, list: 0, area: 0 };
console.log(`  ${'family'.padEnd(20)} ${'masks'.padStart(5)} ${'area px'.padStart(8)} ${'PNG 1-bit'.padStart(10)} ${'PNG 8-bit'.padStart(10)} ${'RLE string'.padStart(11)} ${'RLE list JSON'.padStart(14)}`);
for (const [family, s] of [...perFamily].sort()) {
  for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += s[k];
  console.log(
    `  ${family.padEnd(20)} ${String(s.n).padStart(5)} ${(s.area / s.n).toFixed(0).padStart(8)} ${(s.png1 / s.n).toFixed(0).padStart(10)} ${(s.png8 / s.n).toFixed(0).padStart(10)} ${(s.rle / s.n).toFixed(0).padStart(11)} ${(s.list / s.n).toFixed(0).padStart(14)}`,
  );
}
console.log(
  `  ${'all'.padEnd(20)} ${String(total.n).padStart(5)} ${(total.area / total.n).toFixed(0).padStart(8)} ${(total.png1 / total.n).toFixed(0).padStart(10)} ${(total.png8 / total.n).toFixed(0).padStart(10)} ${(total.rle / total.n).toFixed(0).padStart(11)} ${(total.list / total.n).toFixed(0).padStart(14)}`,
);
