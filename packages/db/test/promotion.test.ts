import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelWarnings, recordEvaluation, setRoundProgress, type ModelMetrics, type SetMetrics } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const set = (accuracy: number, aucCi: [number, number] | null): SetMetrics => ({
  n: 400,
  accuracy,
  accuracyCi: [accuracy - 0.05, accuracy + 0.05],
  auc: aucCi ? (aucCi[0] + aucCi[1]) / 2 : null,
  aucCi,
  eer: 0.4,
  attentionIoU: 0.3,
  locationPriorIoU: 0.25,
  pointingGame: 0.5,
});
const metrics = (unseen: SetMetrics, validation: SetMetrics | null = null): ModelMetrics => ({ validation, seen: unseen, unseen, masks: 3, maskedShare: 0.03 });

async function model(projectId: string) {
  return t.db.modelVersion.create({ data: { projectId, config: {}, backend: 'wasm', status: 'evaluating' } });
}

describe('promotion tells the truth about a model', () => {
  it('never promotes a model whose AUC interval on the metric’s split includes 0.5; promotes one above chance', async () => {
    const project = await t.db.project.create({ data: { name: 'gate', slug: 'gate' } });
    const chance = await model(project.id);
    const r1 = await recordEvaluation(t.db, { modelVersionId: chance.id, metrics: metrics(set(0.55, [0.46, 0.58])) });
    expect(r1).toMatchObject({ promoted: false, chance: true });
    expect((await t.db.project.findUniqueOrThrow({ where: { id: project.id } })).promotedModelId).toBeNull();

    const good = await model(project.id);
    const r2 = await recordEvaluation(t.db, { modelVersionId: good.id, metrics: metrics(set(0.52, [0.53, 0.63])) });
    expect(r2).toMatchObject({ promoted: true, chance: false });
    expect((await t.db.project.findUniqueOrThrow({ where: { id: project.id } })).promotedModelId).toBe(good.id);
    // The stored model keeps its metrics and is ready either way.
    expect((await t.db.modelVersion.findUniqueOrThrow({ where: { id: chance.id } })).status).toBe('ready');
  });

  it('promotes by the metric alone when the project turned the gate off', async () => {
    const project = await t.db.project.create({ data: { name: 'ungated', slug: 'ungated', promoteAboveChanceOnly: false } });
    const m = await model(project.id);
    expect(await recordEvaluation(t.db, { modelVersionId: m.id, metrics: metrics(set(0.5, [0.44, 0.56])) })).toMatchObject({ promoted: true, chance: false });
  });

  it('flags a shortcut (validation far above test) and a test AUC compatible with chance', () => {
    expect(modelWarnings(metrics(set(0.5, [0.45, 0.55]), set(0.92, [0.9, 0.95])))).toEqual([
      { kind: 'shortcut', set: 'seen', gap: expect.closeTo(0.42, 9) },
      { kind: 'chance', set: 'seen' },
      { kind: 'shortcut', set: 'unseen', gap: expect.closeTo(0.42, 9) },
      { kind: 'chance', set: 'unseen' },
    ]);
    expect(modelWarnings(metrics(set(0.85, [0.85, 0.95]), set(0.9, [0.9, 0.95])))).toEqual([]);
    // Versions evaluated before intervals existed: nothing is claimed either way.
    expect(modelWarnings(metrics({ ...set(0.5, null), aucCi: undefined }))).toEqual([]);
  });
});

describe('round progress', () => {
  it('keeps the loss history and the selection’s strategy note when a later phase writes its progress', async () => {
    const project = await t.db.project.create({ data: { name: 'progress', slug: 'progress' } });
    const round = await t.db.round.create({ data: { projectId: project.id, number: 0, strategy: 'margin', budget: 3 } });
    await setRoundProgress(t.db, { roundId: round.id, progress: { phase: 'annotating', strategy: 'random', strategyNote: 'random instead of margin: no promoted model better than chance yet' } });
    await setRoundProgress(t.db, { roundId: round.id, progress: { phase: 'training', percent: 10, history: [{ epoch: 1, train: 0.9, validation: 0.8, accuracy: 0.5 }] } });
    await setRoundProgress(t.db, { roundId: round.id, progress: { phase: 'evaluating', percent: 50 } });
    const { progress } = await t.db.round.findUniqueOrThrow({ where: { id: round.id } });
    expect(progress).toEqual({
      phase: 'evaluating',
      percent: 50,
      strategy: 'random',
      strategyNote: 'random instead of margin: no promoted model better than chance yet',
      history: [{ epoch: 1, train: 0.9, validation: 0.8, accuracy: 0.5 }],
    });
  });
});
