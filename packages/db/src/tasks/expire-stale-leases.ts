import type { Db } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * Returns every task whose lease ran out to the queue (holder and token cleared, so the old holder's submit
 * is refused as stale). Called lazily before leasing and by the worker's maintenance job. Drafts stay: they
 * belong to the user, who finds theirs again if they lease the task anew.
 */
export async function expireStaleLeases(db: Db | Prisma.TransactionClient): Promise<{ expired: string[] }> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "AnnotationTask"
       SET status = 'queued', "leaseHolderId" = NULL, "leaseToken" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
     WHERE status = 'leased' AND "leaseExpiresAt" < now()
    RETURNING id`;
  return { expired: rows.map((r) => r.id) };
}
