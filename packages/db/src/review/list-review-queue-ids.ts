import type { Db } from '../client.ts';
import type { Actor } from '../tasks/annotator.ts';
import { REVIEW_QUEUE_ORDER, reviewQueueWhere } from './review-queue-where.ts';

/** The ids of the masks in `listReviewQueue`, in its order, without pixels or names (for next / previous). */
export async function listReviewQueueIds(db: Db, opts: { actor: Actor; projectId?: string; limit?: number }): Promise<string[]> {
  const rows = await db.mask.findMany({
    where: reviewQueueWhere(opts.actor, opts.projectId),
    orderBy: REVIEW_QUEUE_ORDER,
    take: opts.limit ?? 100,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
