import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from './annotator.ts';

/** Heartbeat: extends the actor's lease by the project's TTL. conflict when the lease was lost (expired and reclaimed, or submitted). */
export async function renewLease(db: Db, opts: { actor: Actor; taskId: string; leaseToken: string }): Promise<{ leaseExpiresAt: Date }> {
  const rows = await db.$queryRaw<{ leaseExpiresAt: Date }[]>`
    UPDATE "AnnotationTask" t
       SET "leaseExpiresAt" = now() + make_interval(secs => p."leaseTtlSeconds"), "updatedAt" = now()
      FROM "Project" p
     WHERE p.id = t."projectId" AND t.id = ${opts.taskId} AND t.status = 'leased'
       AND t."leaseHolderId" = ${opts.actor.id} AND t."leaseToken" = ${opts.leaseToken}
    RETURNING t."leaseExpiresAt"`;
  if (!rows[0]) throw new DomainError('conflict', 'The lease on this task was lost (it expired and was reclaimed, or the task was submitted).');
  return { leaseExpiresAt: rows[0].leaseExpiresAt };
}
