import type { Prisma } from '../generated/prisma/client.ts';

/**
 * Withdraws a round's unanswered tasks (queued or leased → expired, lease cleared): a round that is not
 * annotating offers nothing. Drafts stay, so nothing painted is lost. Returns how many were withdrawn.
 */
export async function withdrawOpenTasks(tx: Prisma.TransactionClient, opts: { roundId: string }): Promise<number> {
  const { count } = await tx.annotationTask.updateMany({
    where: { roundId: opts.roundId, status: { in: ['queued', 'leased'] } },
    data: { status: 'expired', leaseHolderId: null, leaseToken: null, leaseExpiresAt: null },
  });
  return count;
}
