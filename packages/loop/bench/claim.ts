// `npm run bench:claim -w @lae-studio/loop -- <options>`: issue 12's controls and claim on benchmark v2, through
// the project's own create() / train() / evaluate() (no database). Each run appends one JSON line to
// reports/claim-runs.jsonl; `--report` prints the table (95 % Wilson intervals) and writes reports/claim.{json,md}.
//
//   run:    --preset face-swap --arms control,nomask,mask --seeds 1,2,3 [--tag default] [--config '{"train":{…}}']
//           [--bench '{"sensor":{"sigma":4},"cue":{"cast":[40,-15,-15]}}'] (benchmark v2 overrides)
//           [--train 2000 --val 400 --test 2000 --epochs 60 --patience 0 --mask-share 0.03 --size 64]
//           [--select random|margin|attention|entropy] (how the mask arm's fakes are picked)
//           [--scorer-tag <tag>] (with --select and no nomask arm: the no-mask model a run tagged <tag> saved)
//   report: --report [--runs reports/claim-runs.jsonl]
//
// Arms: control = cue-free data, no masks; nomask = cue in train/val, no masks; mask = cue, oracle masks on
// mask-share of the training fakes, picked uniformly at random (seeded) or, with --select <strategy>, by one
// active-learning round: the seed's no-mask model scores every training fake and selectBatch (the loop's
// acquisition, with its default diversity) picks the budget at once. Every nomask run saves its model to
// --models (<preset>-<tag>-s<seed>.lae), so that selection strategies can be compared without retraining it.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateBenchmark, PRESET_NAMES, presetConfig, type PresetName, type BenchmarkConfig, type PresetOverrides, type SyntheticRecord } from '@lae-studio/datasets';
import { accuracy, attentionIoU, wilsonInterval, chooseThreshold, create, load, rocAuc, selectBatch, strategies, type LabeledSample, type LaeConfigInput, type LaeModel, type Strategy } from '@lae-studio/lae';

const root = path.resolve(import.meta.dirname, '../../..');
const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'face-swap' },
    arms: { type: 'string', default: 'control,nomask,mask' },
    seeds: { type: 'string', default: '1' },
    tag: { type: 'string', default: 'default' },
    config: { type: 'string', default: '{}' },
    /** Benchmark overrides (sensor, cue fields), e.g. '{"sensor":{"sigma":4}}'. */
    bench: { type: 'string', default: '{}' },
    train: { type: 'string', default: '2000' },
    val: { type: 'string', default: '400' },
    test: { type: 'string', default: '2000' },
    epochs: { type: 'string', default: '60' },
    patience: { type: 'string', default: '0' },
    'mask-share': { type: 'string', default: '0.03' },
    select: { type: 'string', default: 'random' },
    'scorer-tag': { type: 'string' },
    models: { type: 'string', default: path.join(root, '.data/claim-models') },
    size: { type: 'string', default: '64' },
    runs: { type: 'string', default: path.join(root, 'reports/claim-runs.jsonl') },
    report: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(root, 'reports/claim') },
  },
});

type Arm = 'control' | 'nomask' | 'mask';

interface SplitMetrics {
  n: number;
  accuracy: number;
  accuracyAtHalf: number;
  accuracyValAcc: number;
  auc: number;
  iou: number | null;
  pointingGame: number | null;
}

interface RunRecord {
  preset: string;
  arm: Arm;
  seed: number;
  tag: string;
  /** How the mask arm's fakes were picked ('random' for other arms). */
  select: Strategy;
  /** With active-learning selection: the tag of the no-mask run whose model scored the pool. */
  scorerTag?: string;
  config: LaeConfigInput;
  bench: { sensor?: PresetOverrides['sensor']; cue?: PresetOverrides['cue'] };
  /** The resolved camera (absent in runs recorded before presets had their own camera: theirs was σ 8 / pattern 3). */
  sensor?: BenchmarkConfig['sensor'];
  counts: { train: number; val: number; test: number };
  masked: number;
  trainFakes: number;
  epochs: number;
  bestEpoch: number;
  seconds: number;
  imagesPerSecond: number;
  threshold: number;
  thresholdValAcc: number;
  validation: { accuracy: number; bce: number; accuracyAtThreshold: number } | null;
  seen: SplitMetrics;
  unseen: SplitMetrics;
  /** IoU of the location prior of the training masks (their mean, thresholded like attention) with unseen / seen test masks. */
  priorIoU: { seen: number | null; unseen: number | null };
  at: string;
}

const pct = (v: number) => (100 * v).toFixed(1);
const modelPath = (preset: string, tag: string, seed: number) => path.join(args.models, `${preset}-${tag}-s${seed}.lae`);

const benchOverrides = () => JSON.parse(args.bench) as { sensor?: PresetOverrides['sensor']; cue?: PresetOverrides['cue'] };

async function collect(preset: PresetName, seed: number, cue: boolean, counts: RunRecord['counts'], size: number): Promise<SyntheticRecord[]> {
  const extra = benchOverrides();
  const config = presetConfig(preset, { version: 'v2', seed, size, counts, ...(extra.sensor ? { sensor: extra.sensor } : {}), cue: cue ? { ...extra.cue } : { kind: 'none' } });
  const out: SyntheticRecord[] = [];
  for await (const r of generateBenchmark(config, { output: 'rgb' })) out.push(r);
  return out;
}

const toSample = (r: SyntheticRecord, withMask: boolean): LabeledSample => ({
  image: { data: r.rgb!, width: r.width, height: r.height, channels: 3 },
  label: r.label,
  mask: withMask && r.mask ? { data: r.mask.data, width: r.mask.width, height: r.mask.height } : null,
});

/** Seeded choice of k of n indices (mulberry32). */
function choose(n: number, k: number, seed: number): Set<number> {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return new Set(idx.slice(0, k));
}

function priorIoU(trainMasks: Uint8Array[], test: SyntheticRecord[], threshold: number): number | null {
  const masks = test.filter((r) => r.mask).map((r) => r.mask!.data);
  if (trainMasks.length === 0 || masks.length === 0) return null;
  const prior = new Float32Array(trainMasks[0]!.length);
  for (const m of trainMasks) for (let i = 0; i < m.length; i++) prior[i]! += m[i]!;
  const max = prior.reduce((a, b) => Math.max(a, b), 0);
  for (let i = 0; i < prior.length; i++) prior[i]! /= max;
  return masks.reduce((s, m) => s + attentionIoU(prior, m, threshold), 0) / masks.length;
}

/** The training rows (indices into trainRecs) whose masks the mask arm gets. */
async function pickMasked(trainRecs: SyntheticRecord[], seed: number, select: Strategy, scorer: LaeModel | null): Promise<Set<number>> {
  const fakeIdx = trainRecs.map((r, i) => (r.label === 'fake' ? i : -1)).filter((i) => i >= 0);
  const k = Math.round(Number(args['mask-share']) * fakeIdx.length);
  if (select === 'random') return new Set([...choose(fakeIdx.length, k, seed * 7 + 3)].map((j) => fakeIdx[j]!));
  if (!scorer) throw new Error(`--select ${select} needs the seed's no-mask model`);
  const scores = await scorer.score(fakeIdx.map((i) => toSample(trainRecs[i]!, false).image), { mcSamples: 0, threads: 1 });
  const picked = selectBatch(
    scores.map((s, j) => ({ id: String(fakeIdx[j]), uncertainty: s.uncertainty, embedding: s.embedding })),
    { strategy: select, k, seed },
  );
  return new Set(picked.ids.map(Number));
}

async function runOne(preset: PresetName, arm: Arm, seed: number, data: { cue: SyntheticRecord[] | null; clean: SyntheticRecord[] | null }, counts: RunRecord['counts'], size: number, scorer: LaeModel | null): Promise<{ record: RunRecord; model: LaeModel }> {
  const records = arm === 'control' ? data.clean! : data.cue!;
  const trainRecs = records.filter((r) => r.split === 'train');
  const fakeIdx = trainRecs.map((r, i) => (r.label === 'fake' ? i : -1)).filter((i) => i >= 0);
  const select = arm === 'mask' ? (args.select as Strategy) : 'random';
  const maskedRows = arm === 'mask' ? await pickMasked(trainRecs, seed, select, scorer) : new Set<number>();
  const train = trainRecs.map((r, i) => toSample(r, maskedRows.has(i)));
  const valRecs = records.filter((r) => r.split === 'val');
  const validation = valRecs.map((r) => toSample(r, false));
  const seenTest = records.filter((r) => r.split === 'test' && r.novelty === 'seen');
  const unseenTest = records.filter((r) => r.split === 'test' && r.novelty === 'unseen');
  const user = JSON.parse(args.config) as LaeConfigInput;
  const config: LaeConfigInput = {
    ...user,
    imageSize: size as 64,
    seed,
    train: { epochs: Number(args.epochs), patience: Number(args.patience), ...user.train },
  };
  const model = await create(config, { logger: { info: (m: string) => process.stderr.write(`  ${m}\n`), warn: (m: string) => process.stderr.write(`  ${m}\n`), error: (m: string) => process.stderr.write(`  ${m}\n`) } as never });
  const t0 = performance.now();
  const report = await model.train({ train, validation }, { threads: 1 });
  const seconds = (performance.now() - t0) / 1000;
  const valScores = await model.score(validation.map((s) => s.image), { mcSamples: 0, threads: 1 });
  const valLabels = valRecs.map((r) => (r.label === 'fake' ? 1 : 0));
  const thresholdValAcc = chooseThreshold(valScores.map((s) => s.pFake), valLabels, 'val-accuracy');
  const split = async (recs: SyntheticRecord[]): Promise<SplitMetrics> => {
    const samples = recs.map((r) => toSample(r, true));
    const m = await model.evaluate(samples, { threads: 1 });
    const scores = await model.score(samples.map((s) => s.image), { mcSamples: 0, threads: 1 });
    const p = scores.map((s) => s.pFake);
    const y = recs.map((r) => (r.label === 'fake' ? 1 : 0));
    return {
      n: m.n,
      accuracy: m.accuracy,
      accuracyAtHalf: m.accuracyAtHalf,
      accuracyValAcc: accuracy(p, y, thresholdValAcc),
      auc: rocAuc(p, y),
      iou: m.localization?.iou ?? null,
      pointingGame: m.localization?.pointingGame ?? null,
    };
  };
  const seen = await split(seenTest);
  const unseen = await split(unseenTest);
  const trainMasks = [...maskedRows].map((i) => trainRecs[i]!.mask!.data);
  const allTrainMasks = trainRecs.filter((r) => r.mask).map((r) => r.mask!.data);
  const masksForPrior = trainMasks.length > 0 ? trainMasks : allTrainMasks;
  const thr = model.config.score.attentionThreshold;
  const record: RunRecord = {
    preset,
    arm,
    seed,
    tag: args.tag,
    select,
    ...(select !== 'random' ? { scorerTag: args['scorer-tag'] ?? args.tag } : {}),
    config,
    bench: benchOverrides(),
    sensor: presetConfig(preset, { version: 'v2', ...benchOverrides() }).sensor,
    counts,
    masked: maskedRows.size,
    trainFakes: fakeIdx.length,
    epochs: report.epochs,
    bestEpoch: report.bestEpoch,
    seconds,
    imagesPerSecond: report.imagesPerSecond,
    threshold: report.threshold,
    thresholdValAcc,
    validation: report.validation,
    seen,
    unseen,
    priorIoU: { seen: priorIoU(masksForPrior, seenTest, thr), unseen: priorIoU(masksForPrior, unseenTest, thr) },
    at: new Date().toISOString(),
  };
  return { record, model };
}

interface Row {
  preset: string;
  tag: string;
  arm: Arm;
  select: Strategy;
  /** Data the row was measured on (benchmark overrides and counts): lifts compare rows of equal data. */
  dataKey: string;
  seeds: number[];
  val: number;
  seen: number;
  seenCi: [number, number];
  unseen: number;
  unseenCi: [number, number];
  unseenHalf: number;
  unseenHalfCi: [number, number];
  seenHalf: number;
  seenHalfCi: [number, number];
  unseenHalfPerSeed: number[];
  thresholds: number[];
  unseenValAcc: number;
  unseenAuc: number;
  unseenPerSeed: number[];
  unseenBySeed: Record<number, number>;
  unseenHalfBySeed: Record<number, number>;
  nUnseen: number;
  iou: number | null;
  priorIoU: number | null;
  seconds: number;
  masked: number;
}

/** A run's camera: resolved when recorded, else the σ 8 / pattern 3 default of the code that recorded it. */
function sensorOf(r: RunRecord): BenchmarkConfig['sensor'] {
  const { sigma, patterns, patternSigma, smooth } = r.sensor ?? { sigma: 8, patterns: 4, patternSigma: 3, smooth: 1, ...r.bench?.sensor };
  return { sigma, patterns, patternSigma, smooth };
}

function summarize(runs: RunRecord[]): Row[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of runs) {
    const k = `${r.preset}|${r.tag}|${r.arm}|${r.select ?? 'random'}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const rows: Row[] = [];
  for (const rs of groups.values()) {
    // Latest run per seed.
    const bySeed = new Map<number, RunRecord>();
    for (const r of rs) bySeed.set(r.seed, r);
    const list = [...bySeed.values()].sort((a, b) => a.seed - b.seed);
    const pooled = (f: (r: RunRecord) => SplitMetrics, key: 'accuracy' | 'accuracyAtHalf' = 'accuracy') => {
      const k = list.reduce((s, r) => s + Math.round(f(r)[key] * f(r).n), 0);
      const n = list.reduce((s, r) => s + f(r).n, 0);
      return { acc: k / n, ci: wilsonInterval(k, n), n };
    };
    const s = pooled((r) => r.seen);
    const u = pooled((r) => r.unseen);
    const sh = pooled((r) => r.seen, 'accuracyAtHalf');
    const uh = pooled((r) => r.unseen, 'accuracyAtHalf');
    const ious = list.map((r) => r.unseen.iou).filter((v): v is number => v != null);
    const priors = list.map((r) => r.priorIoU.unseen).filter((v): v is number => v != null);
    rows.push({
      preset: list[0]!.preset,
      tag: list[0]!.tag,
      arm: list[0]!.arm,
      select: list[0]!.select ?? 'random',
      dataKey: JSON.stringify({ sensor: sensorOf(list[0]!), cue: list[0]!.bench?.cue ?? {}, counts: list[0]!.counts }),
      seeds: list.map((r) => r.seed),
      val: mean(list.map((r) => r.validation?.accuracy ?? NaN)),
      seen: s.acc,
      seenCi: s.ci,
      unseen: u.acc,
      unseenCi: u.ci,
      unseenHalf: uh.acc,
      unseenHalfCi: uh.ci,
      seenHalf: sh.acc,
      seenHalfCi: sh.ci,
      unseenHalfPerSeed: list.map((r) => r.unseen.accuracyAtHalf),
      thresholds: list.map((r) => r.threshold),
      unseenValAcc: mean(list.map((r) => r.unseen.accuracyValAcc)),
      unseenAuc: mean(list.map((r) => r.unseen.auc)),
      unseenPerSeed: list.map((r) => r.unseen.accuracy),
      unseenBySeed: Object.fromEntries(list.map((r) => [r.seed, r.unseen.accuracy])),
      unseenHalfBySeed: Object.fromEntries(list.map((r) => [r.seed, r.unseen.accuracyAtHalf])),
      nUnseen: u.n,
      iou: ious.length ? mean(ious) : null,
      priorIoU: priors.length ? mean(priors) : null,
      seconds: mean(list.map((r) => r.seconds)),
      masked: list[0]!.masked,
    });
  }
  const order: Arm[] = ['control', 'nomask', 'mask'];
  return rows.sort((a, b) => a.preset.localeCompare(b.preset) || a.tag.localeCompare(b.tag) || order.indexOf(a.arm) - order.indexOf(b.arm));
}

/** Main figures at p(fake) = 0.5; the model's validation-chosen threshold and the val-accuracy threshold beside them. */
function table(rows: Row[]): string {
  const head =
    '| preset | tag | arm | picked by | seeds | masks | val acc | seen acc @0.5 [95% CI] | unseen acc @0.5 [95% CI] | unseen @0.5 per seed | lift vs nomask, paired seeds (pt) | unseen AUC | unseen @model thr [95% CI] (thr) | lift @model thr, paired seeds (pt) | per seed @model thr (pt) | unseen @val-acc thr | unseen att. IoU | prior IoU | s/run |';
  const lines = [head, `|${head.split('|').slice(1, -1).map(() => '---').join('|')}|`];
  for (const r of rows) {
    // The no-mask arm on the same data: of the same tag if there is one, else any tag with equal data.
    // Seeds may sit in rows of different tags (the same no-mask config re-run later under a new tag): a seed's
    // baseline is taken from the row of the same tag when it has that seed, else from any row of equal data.
    const bases = rows.filter((b) => b.preset === r.preset && b.arm === 'nomask' && b.dataKey === r.dataKey).sort((a, b) => Number(b.tag === r.tag) - Number(a.tag === r.tag));
    const bySeed = (key: 'unseenBySeed' | 'unseenHalfBySeed') => Object.assign({}, ...[...bases].reverse().map((b) => b[key])) as Record<number, number>;
    const base = bases.length ? { unseenBySeed: bySeed('unseenBySeed'), unseenHalfBySeed: bySeed('unseenHalfBySeed') } : undefined;
    // Seed by seed against the no-mask run of the same seed (same data, same initialisation); lifts are the
    // mean of those differences, so seeds only one arm has do not enter them.
    const shared = r.arm === 'mask' && base ? r.seeds.filter((sd) => base.unseenBySeed[sd] != null) : [];
    const diff = (a: Record<number, number>, b: Record<number, number>) => shared.map((sd) => 100 * (a[sd]! - b[sd]!));
    const meanOf = (xs: number[]) => (xs.length ? (xs.reduce((x, y) => x + y, 0) / xs.length).toFixed(1) : '');
    const lift = base ? meanOf(diff(r.unseenHalfBySeed, base.unseenHalfBySeed)) : '';
    const liftThr = base ? meanOf(diff(r.unseenBySeed, base.unseenBySeed)) : '';
    const paired = base ? diff(r.unseenBySeed, base.unseenBySeed).map((d, i) => `s${shared[i]} ${d.toFixed(1)}`) : [];
    lines.push(
      `| ${r.preset} | ${r.tag} | ${r.arm} | ${r.arm === 'mask' ? r.select : ''} | ${r.seeds.join(',')} | ${r.masked} | ${pct(r.val)} | ${pct(r.seenHalf)} [${pct(r.seenHalfCi[0])}, ${pct(r.seenHalfCi[1])}] | ${pct(r.unseenHalf)} [${pct(r.unseenHalfCi[0])}, ${pct(r.unseenHalfCi[1])}] (n=${r.nUnseen}) | ${r.unseenHalfPerSeed.map(pct).join(', ')} | ${lift} | ${r.unseenAuc.toFixed(3)} | ${pct(r.unseen)} [${pct(r.unseenCi[0])}, ${pct(r.unseenCi[1])}] (${r.thresholds.map((t) => t.toFixed(3)).join(', ')}) | ${liftThr} | ${paired.join(', ')} | ${pct(r.unseenValAcc)} | ${r.iou == null ? '–' : r.iou.toFixed(3)} | ${r.priorIoU == null ? '–' : r.priorIoU.toFixed(3)} | ${r.seconds.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

if (args.report) {
  const text = await readFile(args.runs, 'utf8');
  const runs = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as RunRecord);
  const rows = summarize(runs);
  const md = `# Issue 12: controls and claim on benchmark v2\n\nGenerated ${new Date().toISOString()} from ${path.relative(root, args.runs)} (${runs.length} runs). Accuracy at p(fake) = 0.5 unless a column says otherwise ("model thr": config.train.threshold chosen on validation; "val-acc thr": the threshold of best validation accuracy); chance is 50.0. 95 % Wilson intervals pool the seeds' test images (they do not include seed-to-seed variance: see the per-seed column). Prior IoU: the mean of the training masks (all training fakes' masks for no-mask arms), thresholded like attention, against each unseen test mask.\n\n${table(rows)}\n`;
  console.log(table(rows));
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(`${args.out}.md`, md);
  await writeFile(`${args.out}.json`, JSON.stringify({ generatedAt: new Date().toISOString(), rows, runs }, null, 2));
  console.log(`\nwrote ${args.out}.md and ${args.out}.json`);
} else {
  const preset = args.preset as PresetName;
  if (!PRESET_NAMES.includes(preset)) throw new Error(`unknown preset ${preset}`);
  const arms = args.arms.split(',') as Arm[];
  if (!(strategies as readonly string[]).includes(args.select)) throw new Error(`unknown --select ${args.select}; known: ${strategies.join(', ')}`);
  if (args.select !== 'random' && arms.includes('mask') && arms.indexOf('nomask') < 0 && !args['scorer-tag']) throw new Error('--select needs a no-mask model to score the pool: the nomask arm before the mask arm, or --scorer-tag <tag of a saved nomask run>');
  if (args.select !== 'random' && arms.indexOf('mask') < arms.indexOf('nomask')) throw new Error('--select: put nomask before mask in --arms');
  const counts = { train: Number(args.train), val: Number(args.val), test: Number(args.test) };
  const size = Number(args.size);
  await mkdir(path.dirname(args.runs), { recursive: true });
  await mkdir(args.models, { recursive: true });
  for (const seed of args.seeds.split(',').map(Number)) {
    const t = performance.now();
    const data = {
      cue: arms.some((a) => a !== 'control') ? await collect(preset, seed, true, counts, size) : null,
      clean: arms.includes('control') ? await collect(preset, seed, false, counts, size) : null,
    };
    console.log(`seed ${seed}: generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // With active-learning selection the no-mask model of this seed scores the pool for the mask arm.
    let scorer: LaeModel | null = null;
    for (const arm of arms) {
      if (arm === 'mask' && args.select !== 'random' && !scorer) scorer = await load(await readFile(modelPath(preset, args['scorer-tag']!, seed)));
      const { record: r, model } = await runOne(preset, arm, seed, data, counts, size, scorer);
      if (arm === 'nomask') await writeFile(modelPath(preset, args.tag, seed), await model.save());
      if (arm === 'nomask' && args.select !== 'random') scorer = model;
      else model.dispose();
      if (arm === 'mask') scorer?.dispose();
      await appendFile(args.runs, `${JSON.stringify(r)}\n`);
      console.log(
        `${preset} ${args.tag} ${arm}${arm === 'mask' ? ` (${r.select})` : ''} seed ${seed}: val ${pct(r.validation?.accuracy ?? NaN)} | seen ${pct(r.seen.accuracy)} (@0.5 ${pct(r.seen.accuracyAtHalf)}, AUC ${r.seen.auc.toFixed(3)}) | unseen ${pct(r.unseen.accuracy)} (@0.5 ${pct(r.unseen.accuracyAtHalf)}, @valacc ${pct(r.unseen.accuracyValAcc)}, AUC ${r.unseen.auc.toFixed(3)}, IoU ${r.unseen.iou?.toFixed(3) ?? '–'}, prior ${r.priorIoU.unseen?.toFixed(3) ?? '–'}) | thr ${r.threshold.toFixed(3)} | ${r.epochs} ep (best ${r.bestEpoch}) ${r.seconds.toFixed(0)} s`,
      );
    }
  }
}
