import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStorage, PRESET_NAMES, type PresetName } from '@lae-studio/datasets';
import { createScratchDatabase } from '@lae-studio/db/testing';
import { DecodedImageCache, DEFAULT_IMAGE_CACHE_MIB, learningCurveSvg, sameExperiment, simulate, summaryMarkdown, silentLogger, type SimulationReport, type SimulationSpec } from '@lae-studio/loop';
import { z } from 'zod';
import { fail, say } from '../output.ts';
import { platformServices } from '../platform.ts';
import { repoRoot } from '../paths.ts';

export interface SimulateOptions {
  preset: string;
  benchmark: string;
  strategies: string;
  rounds: string;
  perRound: string;
  seeds: string;
  size: string;
  train: string;
  val: string;
  test: string;
  epochs?: string;
  threads: string;
  out: string;
  model: string;
  /** false with --no-control. */
  control: boolean;
  /** With --random-every-round, random runs `rounds` rounds like the others instead of its whole budget in one. */
  randomEveryRound?: boolean;
  /** Keep what the report already in --out measured (same experiment); train only what it lacks. */
  resume?: boolean;
}

const STRATEGIES = ['margin', 'entropy', 'attention', 'bald', 'random'];

function ints(name: string, v: string): number[] {
  const xs = v.split(',').map((s) => Number(s.trim()));
  if (!xs.length || xs.some((x) => !Number.isInteger(x) || x < 0)) fail(`--${name} must be non-negative integers (comma-separated), got "${v}"`);
  return xs;
}
const int = (name: string, v: string) => ints(name, v)[0]!;

function modelOverrides(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (err) {
    fail(`--model must be a JSON object of LAE config overrides: ${(err as Error).message}`);
  }
}

/** The parts of a report a resumed run relies on (the metrics inside are the platform's own, written by it). */
const reportShape = z.looseObject({
  spec: z.looseObject({ preset: z.string(), seeds: z.array(z.number().int()), strategies: z.array(z.string()), modelConfig: z.record(z.string(), z.unknown()) }),
  startedAt: z.string(),
  seconds: z.number().min(0),
  seeds: z.array(z.looseObject({ seed: z.number().int(), baseline: z.looseObject({}), strategies: z.record(z.string(), z.array(z.looseObject({ round: z.number().int() }))), trainFakes: z.number().int() })),
});

/** An earlier report to resume, or undefined when there is none. */
async function readPrevious(file: string): Promise<SimulationReport | undefined> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    fail(`--resume: ${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = reportShape.safeParse(json);
  if (!parsed.success) fail(`--resume: ${file} is not a simulation report: ${z.prettifyError(parsed.error)}`);
  return json as SimulationReport;
}

/** The report's JSON, its two plots and its Markdown (returned). */
async function writeReport(stem: string, preset: string, report: SimulationReport): Promise<string> {
  await writeFile(`${stem}.json`, JSON.stringify(report, null, 2));
  await writeFile(`${stem}.svg`, learningCurveSvg(report));
  await writeFile(`${stem}-iou.svg`, learningCurveSvg(report, 'unseenIoU'));
  const wall = `Wall time ${(report.seconds / 60).toFixed(1)} min for ${report.seeds.length} seed(s) (started ${report.startedAt}).`;
  const md = `## ${preset}\n\n${summaryMarkdown(report)}\n\n${wall}\n\n![${preset}: unseen accuracy](${path.basename(stem)}.svg) ![${preset}: unseen attention IoU](${path.basename(stem)}-iou.svg)\n`;
  await writeFile(`${stem}.md`, md);
  return md;
}

/**
 * `lae-studio simulate`: the whole loop unattended with an oracle annotator, per preset, strategy and
 * seed, beside a no-mask baseline, on a scratch database and scratch storage. Writes JSON, SVG and Markdown.
 */
export async function simulateCommand(o: SimulateOptions): Promise<void> {
  const presets = o.preset.split(',').map((s) => s.trim());
  for (const p of presets) if (!(PRESET_NAMES as string[]).includes(p)) fail(`unknown preset "${p}"; known: ${PRESET_NAMES.join(', ')}`);
  const strategies = o.strategies.split(',').map((s) => s.trim());
  for (const s of strategies) if (!STRATEGIES.includes(s)) fail(`unknown strategy "${s}"; known: ${STRATEGIES.join(', ')}`);
  if (o.benchmark !== 'v1' && o.benchmark !== 'v2') fail(`--benchmark must be v1 or v2, got "${o.benchmark}"`);
  const size = int('size', o.size);
  if (![32, 64, 128, 256].includes(size)) fail('--size must be 32, 64, 128 or 256');
  const outDir = path.resolve(repoRoot, o.out);
  await mkdir(outDir, { recursive: true });

  const services = await platformServices();
  const scratch = await createScratchDatabase(services.databaseUrl, { prefix: 'lae_sim' });
  const storageDir = await mkdtemp(path.join(tmpdir(), 'lae-sim-'));
  try {
    for (const preset of presets) {
      const rounds = int('rounds', o.rounds);
      const perRound = int('per-round', o.perRound);
      const overrides = modelOverrides(o.model);
      const spec: SimulationSpec = {
        preset: preset as PresetName,
        version: o.benchmark as 'v1' | 'v2',
        strategies: strategies as SimulationSpec['strategies'],
        rounds,
        perRound,
        // Random picks the same way every round, so its whole budget in one round gives the same masks for one training.
        ...(o.randomEveryRound ? {} : { schedule: { random: { rounds: 1, perRound: rounds * perRound } } }),
        seeds: ints('seeds', o.seeds),
        size: size as SimulationSpec['size'],
        counts: { train: int('train', o.train), val: int('val', o.val), test: int('test', o.test) },
        modelConfig: o.epochs ? { ...overrides, train: { ...((overrides.train as object) ?? {}), epochs: int('epochs', o.epochs) } } : overrides,
        control: o.control,
      };
      say('simulate', `${preset}: ${spec.strategies.join(', ')} × ${rounds} rounds of ${perRound} masks × seeds ${spec.seeds.join(', ')} (${size}×${size}, ${spec.counts.train} training images)${spec.control ? ', and the cue-free control' : ''}`);
      const stem = path.join(outDir, o.benchmark === 'v2' ? `${preset}-v2` : preset);
      const previous = o.resume ? await readPrevious(`${stem}.json`) : undefined;
      if (previous && !sameExperiment(previous.spec, spec)) fail(`--resume: ${stem}.json measured another experiment (preset, version, size, counts or model config differ); move it away or drop --resume`);
      if (previous) say('simulate', `resuming ${path.relative(repoRoot, stem)}.json: seeds ${previous.seeds.map((x) => x.seed).join(', ')} with ${previous.spec.strategies.join(', ')} are kept`);
      const report = await simulate({ db: scratch.db, storage: new LocalStorage(storageDir), threads: int('threads', o.threads), log: silentLogger, images: DecodedImageCache.fromMiB(DEFAULT_IMAGE_CACHE_MIB), ...(previous ? { previous } : {}) }, spec, async (e) => {
        if (e.kind === 'baseline') say('simulate', `seed ${e.seed} baseline (no masks): unseen acc ${e.metrics.unseen?.accuracy.toFixed(3)}, seen acc ${e.metrics.seen?.accuracy.toFixed(3)}, validation ${e.metrics.validation?.accuracy.toFixed(3) ?? '–'}`);
        if (e.kind === 'control') say('simulate', `seed ${e.seed} cue-free control (no masks): seen acc ${e.metrics.seen?.accuracy.toFixed(3)}, unseen acc ${e.metrics.unseen?.accuracy.toFixed(3)}`);
        if (e.kind === 'round') {
          const m = e.point.metrics;
          say('simulate', `seed ${e.seed} ${e.strategy.padEnd(9)} round ${e.point.round}: ${(e.point.maskedShare * 100).toFixed(2)}% masked → unseen acc ${m.unseen?.accuracy.toFixed(3)} AUC ${m.unseen?.auc?.toFixed(3)} IoU ${m.unseen?.attentionIoU?.toFixed(3) ?? '–'} (${e.point.seconds.toFixed(0)} s)`);
        }
        // Each finished seed is written at once: a long run stopped part-way keeps what it measured.
        if (e.kind === 'seed') await writeReport(stem, preset, e.report);
      });
      const md = await writeReport(stem, preset, report);
      console.log(`\n${md}`);
      say('simulate', `${preset} done in ${(report.seconds / 60).toFixed(1)} min → ${stem}.{json,svg,md}`);
    }
  } finally {
    await scratch.drop();
    await rm(storageDir, { recursive: true, force: true });
    await services.stop();
  }
}
