import 'server-only';
import { closeAnnotationIfDone, findTaskRoundId, getDb } from '@lae-studio/db';
import { getProducer } from './producer';

/**
 * After a task is answered (submitted or skipped): when its round has nothing open any more, start
 * training. Best effort — if Redis is down the worker's reconciler starts it from Postgres' state.
 */
export async function afterTaskAnswered(taskId: string): Promise<void> {
  try {
    const db = getDb();
    const roundId = await findTaskRoundId(db, { taskId });
    if (roundId && (await closeAnnotationIfDone(db, { roundId }))) await getProducer().enqueue('train', { roundId });
  } catch (err) {
    console.warn(`could not start training after task ${taskId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
