import type { Prisma, Mask, ReviewStatus } from '../generated/prisma/client.ts';
import type { EncodedMask } from '../drafts/encoded-mask.ts';

/**
 * Inside a transaction: stores a person's mask as the sample's next storage version. Submits and reviewer
 * corrections of one sample take turns choosing that version (advisory lock held to commit). An empty mask
 * is always "no visible forgery": one concept, however it was sent.
 */
export async function appendHumanMask(
  tx: Prisma.TransactionClient,
  opts: { sampleId: string; taskId: string; authorId: string; clientId: string; mask: EncodedMask; review?: ReviewStatus; reviewerId?: string },
): Promise<Mask> {
  const { sampleId, mask } = opts;
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`mask-version:${sampleId}`}))`;
  const [{ next }] = (await tx.$queryRaw<{ next: number }[]>`
    SELECT COALESCE(MAX(version), 0) + 1 AS next FROM "Mask" WHERE "sampleId" = ${sampleId}`) as [{ next: number }];
  return tx.mask.create({
    data: {
      sampleId,
      version: Number(next),
      authorId: opts.authorId,
      taskId: opts.taskId,
      source: 'human',
      encoding: mask.encoding,
      data: Buffer.from(mask.data),
      width: mask.width,
      height: mask.height,
      area: mask.area,
      noForgery: mask.area === 0,
      clientId: opts.clientId,
      ...(opts.review ? { review: opts.review, reviewerId: opts.reviewerId ?? null, reviewedAt: new Date() } : {}),
    },
  });
}
