import type { Db } from '../client.ts';
import type { Score } from '../generated/prisma/client.ts';

/** A model's stored scores for the given samples (those it has not scored are simply absent). */
export async function listScores(db: Db, opts: { modelVersionId: string; sampleIds: string[] }): Promise<Score[]> {
  return db.score.findMany({ where: { modelVersionId: opts.modelVersionId, sampleId: { in: opts.sampleIds } } });
}
