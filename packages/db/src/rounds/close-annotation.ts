import type { Db } from '../client.ts';
import { roundTaskSummary } from './queue-tasks.ts';
import { transitionRound } from './transition-round.ts';

/**
 * After a task is answered: when the round has nothing queued or leased any more, move it from annotating
 * to training. True when this call made the move (the caller then enqueues the train job; if it never does,
 * the worker's reconciler will).
 */
export async function closeAnnotationIfDone(db: Db, opts: { roundId: string }): Promise<boolean> {
  if (!(await roundTaskSummary(db, { roundId: opts.roundId })).done) return false;
  return (await transitionRound(db, { roundId: opts.roundId, event: 'closeAnnotation' })) !== null;
}
