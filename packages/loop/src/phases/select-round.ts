import { getRoundWithProject, listPool, listScores, queueTasks, roundTaskSummary, setRoundProgress, toFloat32 } from '@lae-studio/db';
import { selectBatch, type Candidate } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { seedOf } from '../model-config.ts';

/**
 * Pick the round's K candidates and queue them as annotation tasks. Round 0 (no model) picks at random;
 * later rounds rank by the project's strategy and de-duplicate by k-center greedy on the latent
 * embedding. A retried job finds the tasks already there and adds nothing.
 */
export async function selectRound(ctx: LoopContext, roundId: string): Promise<{ queued: number; pool: number }> {
  const round = await getRoundWithProject(ctx.db, { roundId });
  const existing = (await roundTaskSummary(ctx.db, { roundId })).total;
  if (existing > 0) return { queued: existing, pool: -1 };

  const pool = await listPool(ctx.db, { projectId: round.projectId });
  const seed = seedOf(round.id);
  let candidates: Candidate[] = pool.map((s) => ({ id: s.id }));
  const scoreIdOf = new Map<string, string>();
  const useModel = round.modelInId && round.strategy !== 'random';
  if (round.modelInId && useModel) {
    const scores = await listScores(ctx.db, { modelVersionId: round.modelInId, sampleIds: pool.map((s) => s.id) });
    candidates = scores.map((s) => {
      scoreIdOf.set(s.sampleId, s.id);
      return {
        id: s.sampleId,
        uncertainty: { margin: s.margin, entropy: s.entropy, attention: s.attentionDispersion, bald: s.bald ?? 0 },
        embedding: toFloat32(s.embedding),
      };
    });
  } else if (round.modelInId) {
    for (const s of await listScores(ctx.db, { modelVersionId: round.modelInId, sampleIds: pool.map((p) => p.id) })) {
      scoreIdOf.set(s.sampleId, s.id);
    }
  }
  const picked = selectBatch(candidates, {
    strategy: useModel ? round.strategy : 'random',
    k: round.budget,
    seed,
    diversity: round.project.diversityWeight,
  });
  const queued = await queueTasks(ctx.db, {
    projectId: round.projectId,
    roundId,
    picks: picked.ids.map((sampleId, i) => ({ sampleId, priority: picked.scores[i] ?? 0, scoreId: scoreIdOf.get(sampleId) ?? null })),
  });
  const strategy = useModel ? round.strategy : 'random';
  // Models are promoted only when better than chance, so "no model" also covers "no model worth asking yet".
  const wanted = round.project.strategy;
  const strategyNote =
    useModel || wanted === 'random'
      ? null
      : round.number === 0
        ? `random instead of ${wanted}: cold start, no model yet`
        : `random instead of ${wanted}: no promoted model better than chance yet`;
  await setRoundProgress(ctx.db, { roundId, progress: { phase: 'annotating', queued, pool: pool.length, strategy, strategyNote } });
  ctx.log.info({ roundId, queued, pool: pool.length, strategy, strategyNote }, 'candidates selected');
  return { queued, pool: pool.length };
}
