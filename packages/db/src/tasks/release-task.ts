import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from './annotator.ts';

export interface ReleaseTaskOptions {
  actor: Actor;
  taskId: string;
  leaseToken: string;
  /** Skip with a reason: the task leaves the queue as `skipped`. Without one (closing the editor) it goes back to the queue. */
  skipReason?: string;
}

/** Ends the actor's lease. The actor's draft stays. conflict when the lease was already lost. */
export async function releaseTask(db: Db, opts: ReleaseTaskOptions): Promise<{ status: 'queued' | 'skipped' }> {
  const { actor, taskId, leaseToken, skipReason } = opts;
  const status = skipReason ? 'skipped' : 'queued';
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "AnnotationTask"
       SET status = ${status}::"TaskStatus", "skipReason" = COALESCE(${skipReason ?? null}, "skipReason"),
           "leaseHolderId" = NULL, "leaseToken" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
     WHERE id = ${taskId} AND status = 'leased' AND "leaseHolderId" = ${actor.id} AND "leaseToken" = ${leaseToken}
    RETURNING id`;
  if (!rows[0]) throw new DomainError('conflict', 'The lease on this task was already lost.');
  return { status };
}
