// npx tsx bench/profile.ts [--size 64] [--preset gpu]: tf.profile of one training step (after warm-up),
// kernels grouped by name with their share of kernel time, and the step's wall time.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/backend.ts';
import { epochBatches } from '../src/batches.ts';
import { parseConfig, presets, type LaeConfigInput } from '../src/config.ts';
import { packSamples } from '../src/dataset.ts';
import { createParams } from '../src/params.ts';
import { adam } from '../src/kernels/adam.ts';
import { rng } from '../src/rng.ts';
import { localExecutor } from '../src/train.ts';
import { benchSamples } from './data.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const size = Number(arg('size', '64')) as 64 | 128;
const input: LaeConfigInput = { ...(arg('preset', 'cpu') === 'gpu' ? presets.gpu : {}), imageSize: size };
await initBackend({ backend: 'wasm', logger: { info: () => undefined, warn: console.error } });
const c = parseConfig(input);
const d = packSamples(benchSamples(256, size), c);
const p = createParams(c);
const ex = localExecutor(p, c, d, adam(c.train.learningRate));
const rows = Array.from({ length: d.n }, (_, i) => i);
const batches = epochBatches(d, rows, c.train.batchSize, c.train.minMaskedPerBatch, rng(1));
for (let i = 0; i < 5; i++) await ex.step(batches[i % batches.length]!, i);
const t0 = performance.now();
for (let i = 5; i < 15; i++) await ex.step(batches[i % batches.length]!, i);
const wall = (performance.now() - t0) / 10;
// Per kernel position, the minimum over several profiled steps (the machine is shared: preemption hits single runs).
type K = { name: string; ms: number; inputShapes: unknown; outputShapes: unknown };
let kernels: K[] = [];
for (let r = 0; r < Number(arg('runs', '5')); r++) {
  const prof = await tf.profile(async () => {
    await ex.step(batches[15 % batches.length]!, 15);
  });
  const ks = prof.kernels.map((k) => ({ name: k.name, ms: Number(k.kernelTimeMs) || 0, inputShapes: k.inputShapes, outputShapes: k.outputShapes }));
  kernels = r === 0 ? ks : kernels.map((k, i) => ({ ...k, ms: Math.min(k.ms, ks[i]?.ms ?? k.ms) }));
}
const by = new Map<string, { n: number; ms: number }>();
let total = 0;
for (const k of kernels) {
  total += k.ms;
  const e = by.get(k.name) ?? { n: 0, ms: 0 };
  e.n++;
  e.ms += k.ms;
  by.set(k.name, e);
}
console.log(`size ${size} preset ${arg('preset', 'cpu')} batch ${c.train.batchSize}: step ${wall.toFixed(1)} ms wall (${((c.train.batchSize * 1000) / wall).toFixed(0)} img/s), ${kernels.length} kernels, ${total.toFixed(1)} ms kernel time (nested kernels counted twice)`);
for (const [name, e] of [...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(`${name.padEnd(26)}${String(e.n).padStart(5)}${e.ms.toFixed(2).padStart(9)} ms ${((100 * e.ms) / total).toFixed(1).padStart(5)}%`);
if (args.includes('--detail')) {
  for (const k of [...kernels].sort((a, b) => b.ms - a.ms).slice(0, 40)) {
    console.log(`${k.name.padEnd(26)}${k.ms.toFixed(2).padStart(7)} ms in ${JSON.stringify(k.inputShapes)} out ${JSON.stringify(k.outputShapes)}`);
  }
}
