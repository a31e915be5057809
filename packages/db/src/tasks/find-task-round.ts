import type { Db } from '../client.ts';

/** The round a task belongs to, or null when there is no such task. */
export async function findTaskRoundId(db: Db, opts: { taskId: string }): Promise<string | null> {
  return (await db.annotationTask.findUnique({ where: { id: opts.taskId }, select: { roundId: true } }))?.roundId ?? null;
}
