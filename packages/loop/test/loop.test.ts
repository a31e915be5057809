import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMaskBudget, type ModelMetrics } from '@lae-studio/db';
import { selectRound, stepBaseline, stepEvaluate, stepOpenRound, stepOracle, stepScore, stepSelect, stepTrain, type NextStep } from '../src/index.ts';
import { tinyProject, type TinyProject } from '../src/testing.ts';

let p: TinyProject;
beforeAll(async () => {
  p = await tinyProject();
}, 120_000);
afterAll(() => p?.cleanup());

/** Run steps the way the worker chains jobs, with the oracle answering tasks. */
const baselineSteps: NextStep[] = [];
async function runRound(trigger: 'manual' | 'auto'): Promise<string> {
  const queue: NextStep[] = await stepOpenRound(p.ctx, p.projectId, trigger);
  expect(queue).toHaveLength(1);
  const roundId = (queue[0] as { roundId: string }).roundId;
  while (queue.length) {
    const step = queue.shift()!;
    if (step.job === 'openRound') continue; // the next round is the caller's business
    if (step.job === 'baseline') {
      baselineSteps.push(step); // its own test below
      continue;
    }
    const run = { score: stepScore, select: stepSelect, train: stepTrain, evaluate: stepEvaluate }[step.job];
    queue.push(...(await run(p.ctx, step.roundId)));
    const round = await p.ctx.db.round.findUniqueOrThrow({ where: { id: roundId } });
    if (round.status === 'annotating') {
      // The oracle job (the dashboard's "auto-annotate with ground truth"): every task answered, training next.
      const next = await stepOracle(p.ctx, roundId);
      expect(next).toEqual([{ job: 'train', roundId }]);
      expect(await p.ctx.db.annotationTask.count({ where: { roundId, status: { not: 'accepted' } } })).toBe(0);
      expect(await p.ctx.db.mask.count({ where: { task: { roundId }, source: 'oracle' } })).toBeGreaterThan(0);
      expect(await stepOracle(p.ctx, roundId)).toEqual([]); // a retried job finds nothing to do
      queue.push(...next);
    }
  }
  return roundId;
}

describe('the active-learning loop (real Postgres, tiny LAE)', () => {
  it('runs two rounds end to end: random cold start, then model-ranked selection, and promotes a model', async () => {
    const budget0 = await getMaskBudget(p.ctx.db, { projectId: p.projectId });
    expect(budget0).toMatchObject({ trainFakes: 40, masked: 0, total: 12, nextRound: 4 });

    const r0 = await runRound('manual');
    const round0 = await p.ctx.db.round.findUniqueOrThrow({ where: { id: r0 }, include: { modelOut: true, tasks: true } });
    expect(round0).toMatchObject({ number: 0, status: 'completed', strategy: 'random', modelInId: null, budget: 4 });
    expect(round0.tasks).toHaveLength(4);
    expect(round0.modelOut?.status).toBe('ready');
    // The training loss curve outlives the round (the dashboard plots it after completion), one point per epoch.
    const progress = round0.progress as { phase: string; history: { epoch: number; train: number; validation: number }[] };
    expect(progress.phase).toBe('completed');
    expect(progress.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(progress.history.every((h) => h.train !== h.validation)).toBe(true);
    // The selection says why it was random (kept through the later phases' progress).
    expect((round0.progress as { strategyNote?: string }).strategyNote).toBe('random instead of margin: cold start, no model yet');
    const metrics = round0.modelOut!.metrics as unknown as ModelMetrics;
    expect(metrics.seen?.n).toBeGreaterThan(0);
    expect(metrics.unseen?.n).toBeGreaterThan(0);
    expect(metrics.masks).toBe(4);
    expect(metrics.maskedShare).toBeCloseTo(4 / 40);
    const project = await p.ctx.db.project.findUniqueOrThrow({ where: { id: p.projectId } });
    expect(project.promotedModelId).toBe(round0.modelOut!.id);

    const r1 = await runRound('auto');
    const round1 = await p.ctx.db.round.findUniqueOrThrow({ where: { id: r1 }, include: { modelOut: true, tasks: true } });
    expect(round1).toMatchObject({ number: 1, status: 'completed', strategy: 'margin', modelInId: round0.modelOut!.id });
    // Round 1 ranked the pool with round 0's model: every candidate was scored, and tasks point at their score.
    const scores = await p.ctx.db.score.count({ where: { modelVersionId: round0.modelOut!.id } });
    expect(scores).toBe(40 - 4);
    expect(round1.tasks.every((t) => t.scoreId)).toBe(true);
    expect(round1.modelOut!.parentId).toBe(round0.modelOut!.id);
    expect((round1.modelOut!.dataSummary as { masked: number }).masked).toBe(8);
    expect(await p.ctx.db.modelVersion.count({ where: { projectId: p.projectId } })).toBe(2);
    // No sample was asked for twice.
    const asked = await p.ctx.db.annotationTask.findMany({ where: { projectId: p.projectId }, select: { sampleId: true } });
    expect(new Set(asked.map((a) => a.sampleId)).size).toBe(asked.length);
  }, 300_000);

  it('trains the no-mask baseline once per data version, evaluated like a round model and never promoted', async () => {
    expect(baselineSteps).toEqual([{ job: 'baseline', projectId: p.projectId }, { job: 'baseline', projectId: p.projectId }]); // each completed round asked
    const promotedBefore = (await p.ctx.db.project.findUniqueOrThrow({ where: { id: p.projectId } })).promotedModelId;
    await Promise.all(baselineSteps.map((s) => stepBaseline(p.ctx, (s as { projectId: string }).projectId)));
    const baselines = await p.ctx.db.modelVersion.findMany({ where: { projectId: p.projectId, baselineFor: { not: null } } });
    expect(baselines).toHaveLength(1);
    const b = baselines[0]!;
    expect(b).toMatchObject({ status: 'ready', roundId: null });
    expect((b.dataSummary as { masked: number }).masked).toBe(0);
    const m = b.metrics as unknown as ModelMetrics;
    expect(m.validation?.n).toBeGreaterThan(0);
    expect(m.unseen?.accuracyCi?.[0]).toBeLessThanOrEqual(m.unseen!.accuracy);
    expect((await p.ctx.db.project.findUniqueOrThrow({ where: { id: p.projectId } })).promotedModelId).toBe(promotedBefore);
    // The learning curve reads it as its reference line.
    const { getLearningCurve } = await import('@lae-studio/db');
    expect((await getLearningCurve(p.ctx.db, { projectId: p.projectId })).baseline?.modelVersionId).toBe(b.id);
    // Same data: a later request trains nothing.
    await stepBaseline(p.ctx, p.projectId);
    expect(await p.ctx.db.modelVersion.count({ where: { projectId: p.projectId, baselineFor: { not: null } } })).toBe(1);
  }, 300_000);

  it('never duplicates: a repeated step is a no-op and a duplicated select creates no second set of tasks', async () => {
    const [r] = await stepOpenRound(p.ctx, p.projectId, 'manual');
    const roundId = (r as { roundId: string }).roundId;
    // A second open while one is active opens nothing.
    expect(await stepOpenRound(p.ctx, p.projectId, 'auto')).toEqual([]);
    await stepScore(p.ctx, roundId);
    expect(await stepScore(p.ctx, roundId)).toEqual([]); // status moved on: late duplicate does nothing
    const [a, b] = await Promise.all([selectRound(p.ctx, roundId), selectRound(p.ctx, roundId)]);
    const tasks = await p.ctx.db.annotationTask.count({ where: { roundId } });
    const round = await p.ctx.db.round.findUniqueOrThrow({ where: { id: roundId } });
    expect(tasks).toBe(round.budget);
    expect(Math.max(a.queued, b.queued)).toBe(round.budget);
    await stepSelect(p.ctx, roundId);
    expect(await p.ctx.db.annotationTask.count({ where: { roundId } })).toBe(round.budget);
  }, 120_000);

  it('stops asking for masks once the total budget is spent', async () => {
    const b = await getMaskBudget(p.ctx.db, { projectId: p.projectId });
    expect(b.masked + b.open).toBeLessThanOrEqual(b.total);
  });
});
