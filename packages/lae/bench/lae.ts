// npm run bench (in packages/lae) or npm run bench:lae (root): LAE training and scoring throughput against its
// PyTorch CPU twin (torch_twin.py, built from the same resolved config), measured in one run, interleaved rep by
// rep (load on a shared machine hits both alike), every figure printed as a ratio. A numeric parity check of the
// twin runs first: a twin that drifts into another model fails the bench.
// Options: --configs default,gpu --sizes 64,128 --threads 1,2 --reps 5 --seconds 1.5 --quick --skip-parity
import { availableParallelism, cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { create, parseConfig, presets, type LaeConfig, type LaeConfigInput, type ScoreEngine } from '../src/index.ts';
import { activeBackend, initBackend } from '../src/backend.ts';
import { epochBatches } from '../src/batches.ts';
import { packSamples } from '../src/dataset.ts';
import { parallelExecutor, trainingShards } from '../src/parallel/train.ts';
import { createParams, disposeParams } from '../src/params.ts';
import { adam } from '../src/kernels/adam.ts';
import { rng } from '../src/rng.ts';
import { localExecutor, type StepExecutor } from '../src/train.ts';
import { benchImages, benchSamples } from './data.ts';
import { checkParity, TOLERANCE } from './parity.ts';
import { ensureTorch, TorchTwin } from './twin.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const quick = args.includes('--quick');
const configNames = arg('configs', 'default,gpu').split(',') as Array<'default' | 'gpu'>;
const sizes = arg('sizes', '64,128').split(',').map(Number) as Array<64 | 128>;
const threadList = arg('threads', availableParallelism() > 1 ? '1,2' : '1').split(',').map(Number);
const reps = Number(arg('reps', quick ? '2' : '5'));
const seconds = Number(arg('seconds', quick ? '0.5' : '1.5'));
const log = (m: string): void => void process.stderr.write(`${m}\n`);

const inputs: Record<'default' | 'gpu', LaeConfigInput> = { default: {}, gpu: presets.gpu };
const configOf = (name: 'default' | 'gpu', size: number): LaeConfig => parseConfig({ ...inputs[name], imageSize: size as 64 | 128 });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** CPU seconds obtained per wall second by this process (all its threads) since cpu0/t0. */
const coresSince = (cpu0: NodeJS.CpuUsage, t0: number): number => {
  const d = process.cpuUsage(cpu0);
  return (d.user + d.system) / 1000 / (performance.now() - t0);
};

interface Rep {
  ts: number;
  torch: number;
  tsCores: number;
  torchCores: number;
}
interface TwinRun {
  images: number;
  seconds: number;
  cpu: number;
}

/** Warm-up rep (excluded), then `reps` interleaved reps: TS then twin. */
async function interleaved(ts: () => Promise<number>, twin: () => Promise<TwinRun>, label: string): Promise<Rep[]> {
  const out: Rep[] = [];
  for (let r = 0; r <= reps; r++) {
    log(`[bench] ${label}: ${r === 0 ? 'warm-up' : `rep ${r}/${reps}`}`);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const images = await ts();
    const tsSec = (performance.now() - t0) / 1000;
    const tsCores = coresSince(cpu0, t0);
    const t = await twin();
    if (r > 0) out.push({ ts: images / tsSec, torch: t.images / t.seconds, tsCores, torchCores: t.cpu / t.seconds });
  }
  return out;
}

async function trainCase(twin: TorchTwin, c: LaeConfig, threads: number, label: string): Promise<Rep[]> {
  const d = packSamples(benchSamples(256, c.imageSize), c);
  const p = createParams(c);
  const optimizer = adam(c.train.learningRate);
  // As LAE.train runs it: as many shards as the threads allow and the step's work pays for (trainingShards).
  const shards = trainingShards(c, threads);
  if (shards < threads) console.error(`[bench] ${label}: ${shards} shard(s) on ${threads} threads (too little work per step to split)`);
  const ex: StepExecutor = shards > 1 ? await parallelExecutor(shards, 'wasm', p, c, d, optimizer) : localExecutor(p, c, d, optimizer);
  const rand = rng(c.seed);
  const rows = Array.from({ length: d.n }, (_, i) => i);
  let queue: number[][] = [];
  let step = 0;
  await twin.build(c, threads);
  // Steps until `seconds` have passed (at least 3): the same loop body as trainModel's (batch packing, step, losses read).
  const ts = async (): Promise<number> => {
    const t0 = performance.now();
    let images = 0;
    for (let s = 0; s < 3 || performance.now() - t0 < seconds * 1000; s++) {
      if (queue.length === 0) queue = epochBatches(d, rows, c.train.batchSize, c.train.minMaskedPerBatch, rand);
      const batch = queue.shift()!;
      await ex.step(batch, step++);
      images += batch.length;
    }
    return images;
  };
  try {
    return await interleaved(ts, () => twin.request<TwinRun>({ cmd: 'train', seconds, minSteps: 3 }), label);
  } finally {
    await ex.close();
    optimizer.dispose();
    disposeParams(p);
  }
}

async function scoreCase(twin: TorchTwin, c: LaeConfig, input: LaeConfigInput, threads: number, engine: ScoreEngine, label: string): Promise<Rep[]> {
  const n = quick ? 512 : c.imageSize === 64 ? 4096 : 1024;
  const imgs = benchImages(n, c.imageSize, 3);
  const model = await create({ ...input, imageSize: c.imageSize as 64 | 128 }, { backend: 'wasm', scoreEngine: engine, logger: { info: () => undefined, warn: log } });
  await twin.build(c, threads);
  try {
    return await interleaved(
      async () => (await model.score(imgs, { batchSize: c.score.batchSize, threads, mcSamples: 0 })).length,
      () => twin.request<TwinRun>({ cmd: 'score', images: n, batch: c.score.batchSize }),
      label,
    );
  } finally {
    model.dispose();
  }
}

interface Row {
  config: string;
  size: number;
  threads: number;
  train: Rep[];
  /** Scoring on the default engine (LAE_SCORE_ENGINE=auto) and on the other one. */
  score: Rep[];
  scoreAlt: Rep[];
}

const torch = ensureTorch(log);
await initBackend({ backend: 'wasm', logger: { info: () => undefined, warn: log } });
const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
const twin = new TorchTwin();
// Printed as measured: an interrupted run keeps what it measured.
const print = (m: string): void => console.log(m);
let failed = false;

if (!args.includes('--skip-parity')) {
  print(`Parity, twin vs TS (same weights and batch of 4 with a masked fake, dropout off; relative error = max |Δ| / max |TS value|; tolerances ${JSON.stringify(TOLERANCE)}):`);
  for (const name of configNames) {
    for (const size of sizes) {
      const r = await checkParity(twin, configOf(name, size));
      failed ||= !r.ok;
      const parts = (Object.keys(r.worst) as Array<keyof typeof r.worst>).map((k) => `${k} ${r.worst[k].err.toExponential(1)} (${r.worst[k].at})`);
      print(`  ${name.padEnd(8)}${`${size}²`.padEnd(6)}${r.ok ? 'ok  ' : 'FAIL'}  ${parts.join(', ')}${r.kinks ? ` (${r.kinks} latent values at |h|'s kink in the best batch found)` : ''}`);
    }
  }
}

const f0 = (x: number): string => x.toFixed(0);
const ratio = (r: Rep[]): number => median(r.map((x) => x.ts / x.torch));
const target = (threads: number): number => (threads > 1 ? 0.8 : 0.6);
const med = (xs: Rep[], k: keyof Rep): number => median(xs.map((x) => x[k]));
const line = (r: Row): string => {
  const t = ratio(r.train);
  const mark = t >= target(r.threads) ? 'met' : 'MISSED';
  const train = `${f0(med(r.train, 'ts')).padStart(8)} ${f0(med(r.train, 'torch')).padStart(6)} ${`${t.toFixed(2)}×`.padStart(7)}  ${`${target(r.threads)} ${mark}`.padEnd(10)}`;
  const s = ratio(r.score);
  const score = `${f0(med(r.score, 'ts')).padStart(8)} ${f0(med(r.score, 'torch')).padStart(6)} ${`${s.toFixed(2)}×`.padStart(7)}  ${`1.0 ${s >= 1 ? 'met' : 'MISSED'}`.padEnd(10)}| ${f0(med(r.scoreAlt, 'ts')).padStart(8)} ${`${ratio(r.scoreAlt).toFixed(2)}×`.padStart(7)} `;
  const cores = `${med(r.train, 'tsCores').toFixed(2)} / ${med(r.train, 'torchCores').toFixed(2)}          ${med(r.score, 'tsCores').toFixed(2)} / ${med(r.score, 'torchCores').toFixed(2)}`;
  return `${r.config.padEnd(9)}${`${r.size}²`.padEnd(6)}${String(r.threads).padEnd(4)}| ${train}| ${score}| ${cores}`;
};
print('');
print(`LAE (tfjs ${tf.version_core} wasm${simd ? ' SIMD' : ''}) vs PyTorch ${torch} CPU twin — ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
print(`img/s, median of ${reps} interleaved reps of ≥ ${seconds} s (training) after one warm-up rep; ratio = median of per-rep TS/twin; cores = CPU s per wall s each side obtained.`);
// What auto picks (onnx/engine.ts chooseEngine): tfjs on the native kernels when they run, else onnxruntime.
const native = activeBackend()?.kernels === 'native';
const [mainEngine, altEngine] = native ? (['auto', 'onnxruntime'] as const) : (['auto', 'tfjs'] as const);
print(`score = the default engine (${native ? 'tfjs on the native oneDNN kernels, oneDNN threads' : 'onnxruntime'}); alt = ${native ? 'onnxruntime' : 'tfjs wasm'}.`);
print('config   size  thr | train TS   twin   ratio  target    | score TS   twin   ratio  target    | alt TS     ratio | cores train TS/twin  score TS/twin');
const rows: Row[] = [];
for (const name of configNames) {
  for (const size of sizes) {
    for (const threads of threadList) {
      const c = configOf(name, size);
      const label = `${name} ${size}² ${threads}t`;
      const row: Row = {
        config: name,
        size,
        threads,
        train: await trainCase(twin, c, threads, `${label} train`),
        score: await scoreCase(twin, c, inputs[name], threads, mainEngine, `${label} score (default engine)`),
        scoreAlt: await scoreCase(twin, c, inputs[name], threads, altEngine, `${label} score (${altEngine})`),
      };
      rows.push(row);
      print(line(row));
    }
  }
}
twin.close();
for (const r of rows.filter((x) => x.threads > 1)) {
  const one = rows.find((x) => x.config === r.config && x.size === r.size && x.threads === 1);
  const t2 = median(r.train.map((x) => x.torch));
  if (one && t2 < median(one.train.map((x) => x.torch))) {
    print(`note: ${r.config} ${r.size}² — the twin trains slower on ${r.threads} threads than on 1 (${f0(t2)} vs ${f0(median(one.train.map((x) => x.torch)))} img/s): its OpenMP threads spin-wait on a contended machine, so that row's ratio flatters TS.`);
  }
}
print('training: full optimisation steps (forward, all losses incl. L_att on masked fakes, backward, Adam, batch-norm statistics), batch of config.train.batchSize; scoring: forward + attention + uncertainty, batch config.score.batchSize, no MC dropout; onnxruntime = the encoder on onnxruntime-node, the heads in plain loops (score.ts scoreLatent).');
if (failed) {
  console.error('parity check FAILED: the twin is not the same model (see above)');
  process.exit(1);
}
process.exit(0);
