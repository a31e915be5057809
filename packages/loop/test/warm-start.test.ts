// Warm-started rounds (issue 13): round N continues from the promoted model instead of training from scratch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArtifact, type DataSummary } from '@lae-studio/db';
import { load } from '@lae-studio/lae';
import { runRounds } from '../src/index.ts';
import { TINY_MODEL, tinyProject, type TinyProject } from '../src/testing.ts';

let p: TinyProject;
beforeAll(async () => {
  p = await tinyProject({ warmEpochs: 1 });
}, 120_000);
afterAll(() => p?.cleanup());

const roundModels = () => p.ctx.db.modelVersion.findMany({ where: { projectId: p.projectId, roundId: { not: null } }, orderBy: { createdAt: 'asc' } });
const trainedSteps = async (id: string) => (await load(await loadArtifact(p.ctx.db, { modelVersionId: id }))).meta.trainedSteps;

describe('warm-started rounds (real Postgres, tiny LAE)', () => {
  it('round 0 trains from scratch; round 1 continues from the promoted model for train.warmEpochs epochs', async () => {
    await runRounds(p.ctx, p.projectId, 2, () => undefined);
    const [m0, m1] = await roundModels();
    const s0 = m0!.dataSummary as DataSummary;
    const s1 = m1!.dataSummary as DataSummary;
    expect(s0).toMatchObject({ warmFrom: null, epochs: 2 });
    expect(s1).toMatchObject({ warmFrom: m0!.id, epochs: 1 });
    expect(m1!.parentId).toBe(m0!.id);
    // The artifact's step count goes on from the parent's (2 epochs + 1), where a scratch model would count its own 2.
    const steps0 = await trainedSteps(m0!.id);
    expect(await trainedSteps(m1!.id)).toBeGreaterThan(steps0);
  }, 300_000);

  it('a parent of another architecture cannot be continued: the round trains from scratch', async () => {
    await p.ctx.db.project.update({ where: { id: p.projectId }, data: { modelConfig: { ...TINY_MODEL, latentChannels: 6, train: { ...TINY_MODEL.train, warmEpochs: 1 } } } });
    const { promotedModelId } = await p.ctx.db.project.findUniqueOrThrow({ where: { id: p.projectId } });
    expect(promotedModelId).not.toBeNull();
    await runRounds(p.ctx, p.projectId, 1, () => undefined);
    const last = (await roundModels()).at(-1)!;
    expect(last.parentId).toBe(promotedModelId); // the round had a parent to continue from, and did not
    expect(last.dataSummary as DataSummary).toMatchObject({ warmFrom: null, epochs: 2 });
  }, 300_000);
});

describe('warm rounds and the epoch budget', () => {
  let q: TinyProject;
  beforeAll(async () => {
    q = await tinyProject({ warmEpochs: 5 }); // more warm epochs than the 2 a scratch round trains
  }, 120_000);
  afterAll(() => q?.cleanup());

  it('a warm round trains at most train.epochs', async () => {
    await runRounds(q.ctx, q.projectId, 2, () => undefined);
    const [m0, m1] = await q.ctx.db.modelVersion.findMany({ where: { projectId: q.projectId, roundId: { not: null } }, orderBy: { createdAt: 'asc' } });
    expect(m1!.dataSummary as DataSummary).toMatchObject({ warmFrom: m0!.id, epochs: 2 });
  }, 300_000);
});
