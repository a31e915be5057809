import { getMaskBudget, getProject, getRound, getRoundModel, type ModelMetrics } from '@lae-studio/db';
import type { LoopContext } from '../context.ts';
import { oracleAnnotate } from '../oracle.ts';
import { stepEvaluate, stepOpenRound, stepScore, stepSelect, stepTrain, type NextStep } from '../steps.ts';

export interface RoundPoint {
  round: number;
  masks: number;
  maskedShare: number;
  metrics: ModelMetrics;
  promoted: boolean;
  seconds: number;
  phases: Record<string, number>;
}

/**
 * Run `rounds` rounds of the loop unattended, in process, through the same steps the worker runs, with
 * the oracle answering every task with the ground-truth mask. Returns one point per round.
 */
export async function runRounds(ctx: LoopContext, projectId: string, rounds: number, onRound?: (p: RoundPoint) => void): Promise<RoundPoint[]> {
  const points: RoundPoint[] = [];
  for (let n = 0; n < rounds; n++) {
    const started = Date.now();
    const phases: Record<string, number> = {};
    const queue: NextStep[] = await stepOpenRound(ctx, projectId, n === 0 ? 'manual' : 'auto');
    if (queue.length === 0) break; // budget spent
    const roundId = (queue[0] as { roundId: string }).roundId;
    while (queue.length) {
      const step = queue.shift()!;
      if (step.job === 'openRound' || step.job === 'baseline') continue; // the simulation trains its own baseline
      const t0 = Date.now();
      const run = { score: stepScore, select: stepSelect, train: stepTrain, evaluate: (c: LoopContext, id: string) => stepEvaluate(c, id, { autoContinue: false }) }[step.job];
      queue.push(...(await run(ctx, step.roundId)));
      phases[step.job] = (phases[step.job] ?? 0) + (Date.now() - t0) / 1000;
      if ((await getRound(ctx.db, { roundId })).status === 'annotating') {
        const a0 = Date.now();
        await oracleAnnotate(ctx.db, roundId);
        phases.annotate = (Date.now() - a0) / 1000;
        queue.push({ job: 'train', roundId });
      }
    }
    const round = await getRound(ctx.db, { roundId });
    const model = round.status === 'completed' ? await getRoundModel(ctx.db, { roundId }) : null;
    if (!model?.metrics) throw new Error(`round ${n} ended ${round.status}: ${round.error ?? ''}`);
    const metrics: ModelMetrics = model.metrics;
    const project = await getProject(ctx.db, { projectId });
    const point: RoundPoint = {
      round: n,
      masks: metrics.masks,
      maskedShare: metrics.maskedShare,
      metrics,
      promoted: project.promotedModelId === model.id,
      seconds: (Date.now() - started) / 1000,
      phases,
    };
    points.push(point);
    onRound?.(point);
    if ((await getMaskBudget(ctx.db, { projectId })).nextRound === 0) break;
  }
  return points;
}
