import type { BlobStorage } from '@lae-studio/datasets';
import { cloneProjectSamples, countSamples, createSimulationProject, type Db, type ModelMetrics, type Strategy } from '@lae-studio/db';
import { generateIntoProject } from '@lae-studio/project-data';
import type { PresetName } from '@lae-studio/datasets';
import type { LoopContext, LoopLogger } from '../context.ts';
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

export async function simulate(
  env: { db: Db; storage: BlobStorage; threads: number; log: LoopLogger },
  spec: SimulationSpec,
  onEvent: (e: SimulationEvent) => void | Promise<void> = () => {},
): Promise<SimulationReport> {
  const started = Date.now();
  const report: SimulationReport = { spec, startedAt: new Date().toISOString(), seconds: 0, seeds: [] };
  const ctx: LoopContext = { db: env.db, storage: env.storage, log: env.log, threads: env.threads };
  for (const seed of spec.seeds) {
    const modelConfig = { ...spec.modelConfig, seed };
    const base = await createSimulationProject(env.db, { name: `sim ${spec.preset} seed ${seed}`, slug: `sim-${spec.preset}-${seed}-${Date.now().toString(36)}`, imageSize: spec.size, modelConfig });
    await generateIntoProject(env.db, env.storage, {
      projectId: base.id,
      preset: spec.preset,
      overrides: { seed, size: spec.size, counts: spec.counts, ...(spec.version ? { version: spec.version } : {}) },
      onProgress: (p) => p.done % 50 === 0 && onEvent({ kind: 'generate', seed, done: p.done, total: p.total }),
    });
    const trainFakes = await countSamples(env.db, { projectId: base.id, split: 'train', label: 'fake' });
    // The platform's own no-mask baseline (the worker's job), trained on the same data the strategies start from.
    const { metrics: baseline } = await trainBaseline(ctx, base.id);
    onEvent({ kind: 'baseline', seed, metrics: baseline });
    const result: SeedResult = { seed, baseline, strategies: {}, trainFakes };
    if (spec.control && seed === spec.seeds[0]) {
      // Item 2's control: the same generator and seed without the cue. It must learn the seen manipulation and
      // transfer to the unseen one, or the benchmark's unseen split tests nothing masks could fix.
      const clean = await createSimulationProject(env.db, { name: `sim ${spec.preset} control seed ${seed}`, slug: `sim-${spec.preset}-control-${seed}-${Date.now().toString(36)}`, imageSize: spec.size, modelConfig });
      await generateIntoProject(env.db, env.storage, {
        projectId: clean.id,
        preset: spec.preset,
        overrides: { seed, size: spec.size, counts: spec.counts, ...(spec.version ? { version: spec.version } : {}), cue: { kind: 'none' } },
      });
      result.control = (await trainBaseline(ctx, clean.id)).metrics;
      onEvent({ kind: 'control', seed, metrics: result.control });
    }
    for (const strategy of spec.strategies) {
      const { rounds, perRound } = scheduleOf(spec, strategy);
      const p = await createSimulationProject(env.db, {
        name: `sim ${spec.preset} ${strategy} seed ${seed}`,
        slug: `sim-${spec.preset}-${strategy}-${seed}-${Date.now().toString(36)}`,
        imageSize: spec.size,
        modelConfig,
        strategy,
        roundBudgetFraction: perRound / trainFakes,
        totalBudgetFraction: (perRound * rounds) / trainFakes,
      });
      await cloneProjectSamples(env.db, { fromProjectId: base.id, toProjectId: p.id });
      result.strategies[strategy] = await runRounds(ctx, p.id, rounds, (point) => onEvent({ kind: 'round', seed, strategy, point }));
    }
    report.seeds.push(result);
    report.seconds = (Date.now() - started) / 1000;
    await onEvent({ kind: 'seed', seed, report });
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}
