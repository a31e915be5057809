import type { Db } from '../client.ts';
import type { Actor } from './annotator.ts';
import { expireStaleLeases } from './expire-stale-leases.ts';
import { newLeaseToken } from './lease-token.ts';
import { assertCanWorkOnProject } from './project-access.ts';

export interface LeaseNextTaskOptions {
  actor: Actor;
  projectId: string;
}

/**
 * Leases the actor's next task in a project, or returns null when the queue is empty. A live lease the actor
 * already holds in the project is renewed and returned (a reload never leaks a second lease). Otherwise the
 * highest-priority queued task is taken atomically with FOR UPDATE SKIP LOCKED, so concurrent callers never
 * get the same task; tasks returned to their author (assigneeId) come first for that author and are never
 * offered to anyone else.
 */
export async function leaseNextTask(db: Db, opts: LeaseNextTaskOptions): Promise<{ taskId: string; leaseToken: string; resumed: boolean } | null> {
  const { actor, projectId } = opts;
  await assertCanWorkOnProject(db, { actor, projectId });
  await expireStaleLeases(db);
  return db.$transaction(async (tx) => {
    // Serialises one user's lease calls per project (double clicks, two tabs), not other users'.
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`lease:${actor.id}:${projectId}`}))`;
    const held = await tx.$queryRaw<{ id: string; leaseToken: string }[]>`
      UPDATE "AnnotationTask" t
         SET "leaseExpiresAt" = now() + make_interval(secs => p."leaseTtlSeconds"), "updatedAt" = now()
        FROM "Project" p
       WHERE p.id = t."projectId" AND t."projectId" = ${projectId} AND t.status = 'leased'
         AND t."leaseHolderId" = ${actor.id} AND t."leaseExpiresAt" > now()
      RETURNING t.id, t."leaseToken"`;
    if (held[0]) return { taskId: held[0].id, leaseToken: held[0].leaseToken, resumed: true };

    const token = newLeaseToken();
    const leased = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "AnnotationTask" t
         SET status = 'leased', "leaseHolderId" = ${actor.id}, "leaseToken" = ${token},
             "leaseExpiresAt" = now() + make_interval(secs => p."leaseTtlSeconds"),
             attempts = t.attempts + 1, "updatedAt" = now()
        FROM "Project" p
       WHERE p.id = t."projectId" AND t.status = 'queued'
         AND t.id = (
           SELECT c.id FROM "AnnotationTask" c
            WHERE c."projectId" = ${projectId} AND c.status = 'queued'
              AND (c."assigneeId" IS NULL OR c."assigneeId" = ${actor.id})
            ORDER BY (c."assigneeId" IS NOT NULL) DESC, c.priority DESC, c."createdAt" ASC, c.id ASC
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
      RETURNING t.id`;
    return leased[0] ? { taskId: leased[0].id, leaseToken: token, resumed: false } : null;
  });
}
