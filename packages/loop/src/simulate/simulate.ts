import { cloneProjectSamples, countSamples, createSimulationProject, type ModelMetrics, type Strategy } from '@lae-studio/db';
import { generateIntoProject } from '@lae-studio/project-data';
import type { PresetName } from '@lae-studio/datasets';
import type { LoopContext } from '../context.ts';
import { trainBaseline } from '../phases/train-baseline.ts';
import { runRounds, type RoundPoint } from './run-rounds.ts';

export interface SimulationSpec {
  preset: PresetName;
  /** Synthetic benchmark version (default 'v1'; 'v2' is issue 12's, with its border cue and sensor-noise trace). */
  version?: 'v1' | 'v2';
  strategies: Strategy[];
  rounds: number;
  /** Masks asked for per round (K). */
  perRound: number;
  seeds: number[];
  size: 32 | 64 | 128 | 256;
  counts: { train: number; val: number; test: number };
  /** LAE config overrides (epochs, channels, loss weights …). */
  modelConfig: Record<string, unknown>;
  /**
   * Per-strategy rounds and masks a round, where they differ from `rounds` × `perRound`. Random picks the same
   * way every round, so `random: { rounds: 1, perRound: 30 }` reaches the same budget with one training, not two.
   */
  schedule?: Partial<Record<Strategy, { rounds: number; perRound: number }>>;
  /** Also train the cue-free control (same data without the spurious cue, no masks) on the first seed: issue 12's item 2. */
  control?: boolean;
}

export interface SeedResult {
  seed: number;
  baseline: ModelMetrics;
  /** The cue-free control's metrics (first seed only, when the spec asks for it). */
  control?: ModelMetrics;
  strategies: Record<string, RoundPoint[]>;
  trainFakes: number;
}

export interface SimulationReport {
  spec: SimulationSpec;
  startedAt: string;
  /** Wall time of every sitting together (a resumed run adds its own). */
  seconds: number;
  seeds: SeedResult[];
}

export type SimulationEvent =
  | { kind: 'generate'; seed: number; done: number; total: number }
  | { kind: 'baseline'; seed: number; metrics: ModelMetrics }
  | { kind: 'control'; seed: number; metrics: ModelMetrics }
  | { kind: 'seed'; seed: number; report: SimulationReport }
  | { kind: 'round'; seed: number; strategy: string; point: RoundPoint };

/**
 * The paper's experiment, unattended: for each seed, generate the preset once, then for each strategy run
 * `rounds` rounds on an identical copy of the data with an oracle annotator, beside a no-mask baseline.
 */
/** Rounds and masks a round for one strategy. */
export function scheduleOf(spec: SimulationSpec, strategy: Strategy): { rounds: number; perRound: number } {
  return spec.schedule?.[strategy] ?? { rounds: spec.rounds, perRound: spec.perRound };
}

/**
 * A seed's model config: the spec's, with every round trained from scratch unless the spec sets train.warmEpochs
 * (the claim is measured on each round's data alone, as every report so far was, whatever the default for user
 * projects).
 */
export function simulationModelConfig(spec: Pick<SimulationSpec, 'modelConfig'>, seed: number): Record<string, unknown> {
  const train = { warmEpochs: 0, ...(spec.modelConfig.train as Record<string, unknown> | undefined) };
  return { ...spec.modelConfig, train, seed };
}

/** Whether two specs describe the same experiment (data, model and image size), whatever their seeds and arms. */
export function sameExperiment(a: SimulationSpec, b: SimulationSpec): boolean {
  const key = (x: SimulationSpec) => JSON.stringify({ preset: x.preset, version: x.version ?? 'v1', size: x.size, counts: x.counts, modelConfig: x.modelConfig });
  return key(a) === key(b);
}

/**
 * The spec a resumed run reports: the earlier run's seeds and arms plus this one's (this run's schedule wins
 * for the arms it runs).
 */
export function mergedSpec(previous: SimulationSpec, spec: SimulationSpec): SimulationSpec {
  const union = <T>(a: T[], b: T[]) => [...a, ...b.filter((x) => !a.includes(x))];
  return { ...spec, seeds: union(previous.seeds, spec.seeds), strategies: union(previous.strategies, spec.strategies), schedule: { ...previous.schedule, ...spec.schedule }, control: !!(previous.control || spec.control) };
}

export async function simulate(
  env: Omit<LoopContext, 'signal'> & {
    /**
     * An earlier report of the same experiment (`sameExperiment`): its baselines, controls and arms are kept,
     * and only what it lacks is trained, so a long simulation can run over several sittings.
     */
    previous?: SimulationReport;
  },
  runSpec: SimulationSpec,
  onEvent: (e: SimulationEvent) => void | Promise<void> = () => {},
): Promise<SimulationReport> {
  const started = Date.now();
  const previous = env.previous;
  if (previous && !sameExperiment(previous.spec, runSpec)) throw new Error('the earlier report measured another experiment (preset, version, size, counts or model config differ)');
  const spec = previous ? mergedSpec(previous.spec, runSpec) : runSpec;
  const report: SimulationReport = { spec, startedAt: previous?.startedAt ?? new Date().toISOString(), seconds: previous?.seconds ?? 0, seeds: [] };
  const { previous: _, ...ctx } = env;
  for (const seed of spec.seeds) {
    const modelConfig = simulationModelConfig(spec, seed);
    const prev = previous?.seeds.find((x) => x.seed === seed);
    // An earlier arm is kept when it ran on the schedule this run would give it.
    const kept = (strategy: Strategy) => (prev?.strategies[strategy] && JSON.stringify(scheduleOf(previous!.spec, strategy)) === JSON.stringify(scheduleOf(spec, strategy)) ? prev.strategies[strategy] : undefined);
    const wanted = runSpec.seeds.includes(seed);
    let base: { id: string; trainFakes: number } | null = null;
    // The seed's data, generated only when something has to be trained on it.
    const baseProject = async () => {
      if (base) return base;
      const p = await createSimulationProject(env.db, { name: `sim ${spec.preset} seed ${seed}`, slug: `sim-${spec.preset}-${seed}-${Date.now().toString(36)}`, imageSize: spec.size, modelConfig });
      await generateIntoProject(env.db, env.storage, {
        projectId: p.id,
        preset: spec.preset,
        overrides: { seed, size: spec.size, counts: spec.counts, ...(spec.version ? { version: spec.version } : {}) },
        onProgress: (x) => x.done % 50 === 0 && onEvent({ kind: 'generate', seed, done: x.done, total: x.total }),
      });
      base = { id: p.id, trainFakes: await countSamples(env.db, { projectId: p.id, split: 'train', label: 'fake' }) };
      return base;
    };
    // The platform's own no-mask baseline (the worker's job), trained on the same data the strategies start from.
    const baseline = prev?.baseline ?? (await trainBaseline(ctx, (await baseProject()).id)).metrics;
    if (!prev) await onEvent({ kind: 'baseline', seed, metrics: baseline });
    const result: SeedResult = { seed, baseline, strategies: {}, trainFakes: prev?.trainFakes ?? (await baseProject()).trainFakes, ...(prev?.control ? { control: prev.control } : {}) };
    if (wanted && runSpec.control && seed === spec.seeds[0] && !result.control) {
      // Item 2's control: the same generator and seed without the cue. It must learn the seen manipulation and
      // transfer to the unseen one, or the benchmark's unseen split tests nothing masks could fix.
      const clean = await createSimulationProject(env.db, { name: `sim ${spec.preset} control seed ${seed}`, slug: `sim-${spec.preset}-control-${seed}-${Date.now().toString(36)}`, imageSize: spec.size, modelConfig });
      await generateIntoProject(env.db, env.storage, {
        projectId: clean.id,
        preset: spec.preset,
        overrides: { seed, size: spec.size, counts: spec.counts, ...(spec.version ? { version: spec.version } : {}), cue: { kind: 'none' } },
      });
      result.control = (await trainBaseline(ctx, clean.id)).metrics;
      await onEvent({ kind: 'control', seed, metrics: result.control });
    }
    for (const strategy of spec.strategies) {
      const earlier = kept(strategy);
      if (earlier || !wanted || !runSpec.strategies.includes(strategy)) {
        if (earlier) result.strategies[strategy] = earlier;
        continue;
      }
      const { rounds, perRound } = scheduleOf(spec, strategy);
      const { id: baseId, trainFakes } = await baseProject();
      const p = await createSimulationProject(env.db, {
        name: `sim ${spec.preset} ${strategy} seed ${seed}`,
        slug: `sim-${spec.preset}-${strategy}-${seed}-${Date.now().toString(36)}`,
        imageSize: spec.size,
        modelConfig,
        strategy,
        roundBudgetFraction: perRound / trainFakes,
        totalBudgetFraction: (perRound * rounds) / trainFakes,
      });
      await cloneProjectSamples(env.db, { fromProjectId: baseId, toProjectId: p.id });
      result.strategies[strategy] = await runRounds(ctx, p.id, rounds, (point) => onEvent({ kind: 'round', seed, strategy, point }));
    }
    report.seeds.push(result);
    report.seconds = (previous?.seconds ?? 0) + (Date.now() - started) / 1000;
    await onEvent({ kind: 'seed', seed, report });
  }
  return report;
}
