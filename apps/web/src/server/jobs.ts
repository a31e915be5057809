import 'server-only';
import { closeAnnotationIfDone, getDb } from '@lae-studio/db';
import { JobProducer } from '@lae-studio/queue';
import { getRedis } from './redis';

const holder = globalThis as unknown as { __laeWebProducer?: JobProducer };

/** The web process only enqueues; the worker runs everything. One producer per process. */
export function getProducer(): JobProducer {
  holder.__laeWebProducer ??= new JobProducer(getRedis());
  return holder.__laeWebProducer;
}

/**
 * After a task is answered (submitted or skipped): when its round has nothing open any more, start
 * training. Best effort — if Redis is down the worker's reconciler starts it from Postgres' state.
 */
export async function afterTaskAnswered(taskId: string): Promise<void> {
  try {
    const db = getDb();
    const task = await db.annotationTask.findUnique({ where: { id: taskId }, select: { roundId: true } });
    if (task && (await closeAnnotationIfDone(db, task.roundId))) await getProducer().enqueue('train', { roundId: task.roundId });
  } catch (err) {
    console.warn(`could not start training after task ${taskId}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
