import { getRoundWithProject, listPool, loadArtifact, saveScores, scoredSampleIds, setRoundProgress, type ScoreRow } from '@lae-studio/db';
import { load } from '@lae-studio/lae';
import type { LoopContext } from '../context.ts';
import { loadModelImages } from '../dataset/load-images.ts';

const CHUNK = 256;

/**
 * Score the round's pool with its input model. Scores are stored per (model, sample), so a retried job
 * resumes where the previous attempt stopped.
 */
export async function scoreRound(ctx: LoopContext, roundId: string): Promise<{ scored: number; pool: number }> {
  const round = await getRoundWithProject(ctx.db, { roundId });
  if (!round.modelInId) return { scored: 0, pool: 0 };
  const pool = await listPool(ctx.db, { projectId: round.projectId });
  const done = new Set<string>();
  for (let i = 0; i < pool.length; i += 5000) {
    for (const id of await scoredSampleIds(ctx.db, { modelVersionId: round.modelInId, sampleIds: pool.slice(i, i + 5000).map((s) => s.id) })) done.add(id);
  }
  const todo = pool.filter((s) => !done.has(s.id));
  if (todo.length === 0) return { scored: 0, pool: pool.length };

  const model = await load(await loadArtifact(ctx.db, { modelVersionId: round.modelInId }));
  const started = Date.now();
  let scored = 0;
  try {
    // MC-dropout passes cost a forward pass each: only BALD needs them.
    const mcSamples = round.strategy === 'bald' ? undefined : 0;
    for (let i = 0; i < todo.length; i += CHUNK) {
      ctx.signal?.throwIfAborted();
      const chunk = todo.slice(i, i + CHUNK);
      const images = await loadModelImages(ctx.storage, chunk.map((s) => s.storageKey), model.config.imageSize, { cache: ctx.images });
      const results = await model.score(images, { mcSamples, threads: ctx.threads });
      const rows: ScoreRow[] = results.map((r, j) => ({
        sampleId: chunk[j]!.id,
        pFake: r.pFake,
        margin: r.uncertainty.margin,
        entropy: r.uncertainty.entropy,
        attentionDispersion: r.uncertainty.attention,
        bald: mcSamples === 0 ? null : r.uncertainty.bald,
        attention: r.attention,
        attentionSize: r.attentionSize,
        embedding: r.embedding,
      }));
      await saveScores(ctx.db, { modelVersionId: round.modelInId, rows });
      scored += rows.length;
      const seconds = (Date.now() - started) / 1000;
      await setRoundProgress(ctx.db, {
        roundId,
        progress: {
          phase: 'scoring',
          done: done.size + scored,
          total: pool.length,
          percent: Math.round((100 * (done.size + scored)) / pool.length),
          imagesPerSecond: seconds > 0 ? Math.round(scored / seconds) : null,
        },
      });
    }
  } finally {
    model.dispose();
  }
  ctx.log.info({ roundId, scored, pool: pool.length, seconds: (Date.now() - started) / 1000 }, 'pool scored');
  return { scored, pool: pool.length };
}
