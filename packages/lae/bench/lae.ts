// npm run bench (in packages/lae) or npm run bench:lae (root): training and scoring throughput of the LAE at
// 64×64 and 128×128, batch 16, on one thread and on every core.
// Options: --sizes 64,128 --threads 1,2 --reps 3 --quick --backend wasm
// Each figure is measured `reps` times: the table shows the mean and the best (the machine may be shared).
import { availableParallelism } from 'node:os';
import { countFlops, create, parseConfig, type BackendName, type LaeConfigInput } from '../src/index.ts';
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
const reps = Number(arg('reps', quick ? '1' : '3'));
const backend = arg('backend', process.env.LAE_BACKEND ?? 'auto') as BackendName | 'auto';
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

interface Stat {
  mean: number;
  best: number;
}
const stat = (xs: number[]): Stat => ({ mean: xs.reduce((s, x) => s + x, 0) / xs.length, best: Math.max(...xs) });
const fmt = (s: Stat, digits = 0): string => `${s.mean.toFixed(digits)} | ${s.best.toFixed(digits)}`;

/** CPU time the process obtained per wall second (all threads): how many cores it actually got. */
function coresSince(cpu0: NodeJS.CpuUsage, t0: number): number {
  const d = process.cpuUsage(cpu0);
  return (d.user + d.system) / 1000 / (performance.now() - t0);
}

interface Row {
  size: number;
  threads: number;
  cores: { train: number; score: number };
  train: Stat;
  score16: Stat;
  score64: Stat;
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
    // Each repetition is one epoch; img/s counts the optimisation steps only (not validation, not worker start-up).
    const trainCpu = process.cpuUsage();
    const trainT0 = performance.now();
    const report = await model.train(
      { train: data, validation: data.slice(0, batch) },
      { threads, epochs: reps + 1, onProgress: (p) => p.phase === 'train' && progress(`[bench] ${label}: training epoch ${p.epoch}/${reps + 1} step ${p.step}/${p.stepsPerEpoch} (${p.imagesPerSecond.toFixed(0)} img/s)`) },
    );
    const trainCores = coresSince(trainCpu, trainT0);
    const train = stat(report.history.slice(1).map((e) => e.imagesPerSecond)); // epoch 1 = warm-up
    const scoreAt = async (bs: number): Promise<Stat> => {
      await model.score(imgs.slice(0, bs * threads * 16), { batchSize: bs, threads, mcSamples: 0 }); // warm-up, worker start-up
      const runs: number[] = [];
      for (let r = 0; r < reps; r++) {
        progress(`[bench] ${label}: scoring ${nScore} images, batch ${bs}, run ${r + 1}/${reps}`);
        const t0 = performance.now();
        await model.score(imgs.slice(0, nScore), { batchSize: bs, threads, mcSamples: 0 });
        runs.push(nScore / ((performance.now() - t0) / 1000));
        sample();
      }
      return stat(runs);
    };
    const score16 = await scoreAt(16);
    const scoreCpu = process.cpuUsage();
    const scoreT0 = performance.now();
    const score64 = await scoreAt(64);
    rows.push({ size, threads, cores: { train: trainCores, score: coresSince(scoreCpu, scoreT0) }, train, score16, score64 });
    model.dispose();
  }
}
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

console.log(`LAE benchmark — backend ${backendName}, ${cores} cores, node ${process.version}, batch ${batch}, ${reps} run(s) each (mean | best)${quick ? ', quick' : ''}`);
console.log('size     thr  train img/s     score img/s b16  score img/s b64  MFLOP/img train|score  GFLOP/s train|score(b64) best  cores got train|score');
for (const r of rows) {
  const f = countFlops(parseConfig({ imageSize: r.size as 64 | 128 }));
  console.log(
    `${`${r.size}×${r.size}`.padEnd(9)}${String(r.threads).padEnd(5)}${fmt(r.train, 1).padEnd(16)}${fmt(r.score16).padEnd(17)}${fmt(r.score64).padEnd(17)}${`${(f.train / 1e6).toFixed(1)} | ${(f.encoder / 1e6).toFixed(1)}`.padEnd(23)}${`${((f.train * r.train.best) / 1e9).toFixed(1)} | ${((f.encoder * r.score64.best) / 1e9).toFixed(1)}`.padEnd(30)}${r.cores.train.toFixed(2)} | ${r.cores.score.toFixed(2)}`,
  );
}
for (const size of sizes) {
  const one = rows.find((r) => r.size === size && r.threads === 1);
  for (const r of rows.filter((x) => x.size === size && x.threads > 1)) {
    if (!one) continue;
    console.log(`speed-up ${size}×${size}, ${r.threads} threads vs 1 (means): training ×${(r.train.mean / one.train.mean).toFixed(2)}, scoring b64 ×${(r.score64.mean / one.score64.mean).toFixed(2)}`);
    // Throughput per core actually obtained: what parallelism costs in efficiency, independent of other load.
    const eff = (x: number, c: number, y: number, d: number): string => ((x / c) / (y / d)).toFixed(2);
    console.log(`  per obtained core, ${r.threads} threads vs 1: training ×${eff(r.train.mean, r.cores.train, one.train.mean, one.cores.train)}, scoring b64 ×${eff(r.score64.mean, r.cores.score, one.score64.mean, one.cores.score)}`);
  }
}
console.log('cores got = CPU time obtained by the process (all threads) per wall second; below the thread count, other processes held the cores.');
console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB (process, all threads); scoring = forward + Grad-CAM attention (no MC dropout)`);
process.exit(0);
