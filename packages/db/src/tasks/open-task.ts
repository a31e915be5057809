import type { Db } from '../client.ts';
import type { Actor } from './annotator.ts';
import { leaseTask } from './lease-task.ts';
import { getTaskForHolder, type TaskView } from './task-view.ts';

/**
 * What the editor calls on load: leases (or resumes) the task and reads it, in one transaction. Apart, a release
 * by the same person's previous page (a reload's keepalive request, same lease token) could land between the two
 * and the read would find the task no longer theirs; inside, the release waits for the row lock and lands after,
 * where the editor's heartbeat takes the lease back.
 */
export async function openTask(db: Db, opts: { actor: Actor; taskId: string }): Promise<TaskView> {
  return db.$transaction(async (tx) => {
    await leaseTask(tx, opts);
    return getTaskForHolder(tx, opts);
  });
}
