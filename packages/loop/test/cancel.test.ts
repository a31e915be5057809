import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleAnnotate, RoundCancelledError, stepOpenRound, stepSelect, stepTrain, stepEvaluate } from '../src/index.ts';
import { tinyProject, type TinyProject } from '../src/testing.ts';

let p: TinyProject;
beforeAll(async () => {
  p = await tinyProject({ epochs: 200 });
}, 120_000);
afterAll(() => p?.cleanup());

describe('an admin cancels a round while it trains', () => {
  it('training stops within seconds, and nothing is evaluated or promoted', async () => {
    const [open] = await stepOpenRound(p.ctx, p.projectId, 'manual');
    const roundId = (open as { roundId: string }).roundId;
    await stepSelect(p.ctx, roundId);
    await oracleAnnotate(p.ctx.db, roundId);
    const training = stepTrain(p.ctx, roundId);
    // Wait until training reports progress, then cancel the round the way the dashboard does.
    for (let i = 0; i < 600; i++) {
      const r = await p.ctx.db.round.findUniqueOrThrow({ where: { id: roundId } });
      if ((r.progress as { phase?: string } | null)?.phase === 'training') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const t0 = Date.now();
    await p.ctx.db.round.update({ where: { id: roundId }, data: { status: 'cancelled' } });
    await expect(training).rejects.toBeInstanceOf(RoundCancelledError);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(await stepEvaluate(p.ctx, roundId)).toEqual([]);
    const project = await p.ctx.db.project.findUniqueOrThrow({ where: { id: p.projectId } });
    expect(project.promotedModelId).toBeNull();
  }, 180_000);
});
