import type { Db } from '../client.ts';

/** A failed model version is trained again by a retried job: back to 'training', its error cleared. */
export async function restartModelTraining(db: Db, opts: { modelVersionId: string }): Promise<void> {
  await db.modelVersion.update({ where: { id: opts.modelVersionId }, data: { status: 'training', error: null } });
}
