import { create, presets } from '../src/index.ts';
import { benchImages } from './data.ts';
const size = Number(process.argv[2] ?? 64) as 64 | 128;
const engine = (process.argv[3] ?? 'auto') as 'auto' | 'tfjs' | 'onnxruntime';
const threads = Number(process.argv[4] ?? 1);
const preset = process.argv[5] ?? 'cpu';
const n = size === 64 ? 4096 : 1024;
const imgs = benchImages(n, size, 3);
const model = await create({ ...(preset === 'gpu' ? presets.gpu : {}), imageSize: size }, { backend: 'wasm', scoreEngine: engine, logger: { info: () => undefined, warn: console.error } });
if (process.env.OMP2) { const { loadNativeAddon } = await import('@lae-studio/lae-native'); const a = loadNativeAddon(); if (a.ok) a.addon.setThreads(Number(process.env.OMP2)); }
await model.score(imgs, { threads, mcSamples: 0 });
const t = performance.now(); let k = 0;
while (performance.now() - t < 3000) { await model.score(imgs, { threads, mcSamples: 0 }); k++; }
console.log(`${preset} ${size}² ${engine} threads ${threads}${process.env.OMP2 ? ' omp' + process.env.OMP2 : ''}: ${((k * n * 1000) / (performance.now() - t)).toFixed(0)} img/s`);
model.dispose(); process.exit(0);
