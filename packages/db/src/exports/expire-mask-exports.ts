import type { Db } from '../client.ts';

/**
 * Exports finished before `olderThan` (completed or failed) become expired. Returns the storage keys no live
 * export uses any more: the caller deletes those blobs. Exports with identical bytes share a key (storage is
 * content-addressed), so a key is only released when every row that names it has expired. The rows are locked
 * and checked in one transaction, so two reconcilers never both see a key as still in use or release it twice.
 */
export async function expireMaskExports(db: Db, opts: { olderThan: Date }): Promise<{ expired: number; releasedKeys: string[] }> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; blobKey: string | null }[]>`
      SELECT id, "blobKey" FROM "MaskExport"
      WHERE status IN ('completed', 'failed') AND "createdAt" < ${opts.olderThan}
      FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return { expired: 0, releasedKeys: [] };
    await tx.maskExport.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: 'expired' } });
    const keys = [...new Set(rows.map((r) => r.blobKey).filter((k): k is string => k !== null))];
    const live = await tx.maskExport.findMany({ where: { blobKey: { in: keys }, status: { not: 'expired' } }, select: { blobKey: true }, distinct: ['blobKey'] });
    const inUse = new Set(live.map((r) => r.blobKey));
    return { expired: rows.length, releasedKeys: keys.filter((k) => !inUse.has(k)) };
  });
}
