// npm run bench (in packages/lae) or npm run bench:lae (root): training and scoring throughput of the LAE at
// 64×64 and 128×128, batch 16, on one thread and on every core. Options: --sizes 64,128 --threads 1,2 --quick
import { availableParallelism } from 'node:os';
import { create, parseConfig, type BackendName, type LaeConfigInput } from '../src/index.ts';
import { countFlops } from '../src/flops.ts';
import { rng } from '../src/rng.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const quick = args.includes('--quick');
const sizes = arg('sizes', '64,128').split(',').map(Number) as Array<64 | 128>;
const cores = availableParallelism();
const threadList = arg('threads', cores > 1 ? `1,${cores}` : '1').split(',').map(Number);
const backend = (arg('backend', process.env.LAE_BACKEND ?? 'auto') as BackendName | 'auto');
const batch = 16;

let peakRss = 0;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const progress = (msg: string): void => {
  sample();
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${msg}`);
  else process.stderr.write(`${msg}\n`);
};

function images(n: number, size: number, seed: number): Float32Array[] {
  const rand = rng(seed);
  return Array.from({ length: n }, () => {
    const img = new Float32Array(size * size * 3);
    const base = rand();
    for (let i = 0; i < img.length; i++) img[i] = Math.min(1, Math.max(0, base + (rand() - 0.5) * 0.2));
    return img;
  });
}

function mask(size: number, seed: number): Uint8Array {
  const m = new Uint8Array(size * size);
  const s = Math.floor(size / 3);
  const o = (seed * 7) % (size - s);
  for (let y = o; y < o + s; y++) m.fill(1, y * size + o, y * size + o + s);
  return m;
}

interface Row {
  size: number;
  threads: number;
  train: number;
  score16: number;
  score64: number;
}

const rows: Row[] = [];
let backendName = '';
for (const size of sizes) {
  const config: LaeConfigInput = { imageSize: size, train: { batchSize: batch, epochs: 1, patience: 0 } };
  const nTrain = quick ? 192 : size === 64 ? 1024 : 384;
  const nScore = quick ? 512 : size === 64 ? 4096 : 1536;
  const imgs = images(Math.max(nTrain, nScore), size, size);
  const data = imgs.slice(0, nTrain).map((image, i) => ({ image, label: (i % 2 ? 'fake' : 'real') as 'fake' | 'real', mask: i % 8 === 1 ? mask(size, i) : null }));
  for (const threads of threadList) {
    const model = await create(config, { backend, logger: { info: () => undefined, warn: (m: string) => console.error(m) } });
    backendName = `${model.backend.name}${model.backend.simd != null ? (model.backend.simd ? ' (SIMD)' : ' (no SIMD)') : ''}`;
    const label = `${size}×${size} ${threads} thread${threads > 1 ? 's' : ''}`;
    const report = await model.train(
      { train: data, validation: data.slice(0, batch) },
      { threads, onProgress: (p) => p.phase === 'train' && progress(`[bench] ${label}: training step ${p.step}/${p.stepsPerEpoch} (${p.imagesPerSecond.toFixed(0)} img/s)`) },
    );
    const scoreAt = async (bs: number): Promise<number> => {
      // warm-up (and worker start-up) outside the timing
      await model.score(imgs.slice(0, bs * threads * 2), { batchSize: bs, threads, mcSamples: 0 });
      const chunk = 512;
      const t0 = performance.now();
      for (let i = 0; i < nScore; i += chunk) {
        await model.score(imgs.slice(i, i + chunk), { batchSize: bs, threads, mcSamples: 0 });
        progress(`[bench] ${label}: scoring batch ${bs}, ${Math.min(nScore, i + chunk)}/${nScore}`);
      }
      return nScore / ((performance.now() - t0) / 1000);
    };
    const score16 = await scoreAt(16);
    const score64 = await scoreAt(64);
    rows.push({ size, threads, train: report.imagesPerSecond, score16, score64 });
    model.dispose();
  }
}
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

console.log(`LAE benchmark — backend ${backendName}, ${cores} cores, node ${process.version}, batch ${batch}${quick ? ' (quick)' : ''}`);
console.log('size     threads  train img/s  score img/s (b16)  score img/s (b64)  MFLOP/img (train | score)  GFLOP/s (train | score b64)');
for (const r of rows) {
  const f = countFlops(parseConfig({ imageSize: r.size as 64 | 128 }));
  console.log(
    `${`${r.size}×${r.size}`.padEnd(9)}${String(r.threads).padEnd(9)}${r.train.toFixed(1).padStart(11)}  ${r.score16.toFixed(0).padStart(17)}  ${r.score64.toFixed(0).padStart(17)}  ${`${(f.train / 1e6).toFixed(1)} | ${(f.encoder / 1e6).toFixed(1)}`.padStart(25)}  ${`${((f.train * r.train) / 1e9).toFixed(1)} | ${((f.encoder * r.score64) / 1e9).toFixed(1)}`.padStart(27)}`,
  );
}
console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (process, all threads); scoring = forward + Grad-CAM attention, no MC dropout`);
process.exit(0);
