import type { Db } from '../client.ts';

/**
 * Copy a project's samples and reference masks into another project (same storage keys: storage is
 * content-addressed). Lets several strategies start from identical data without regenerating it.
 */
export async function cloneProjectSamples(db: Db, opts: { fromProjectId: string; toProjectId: string }): Promise<number> {
  const { fromProjectId, toProjectId } = opts;
  return db.$transaction(async (tx) => {
    const n = await tx.$executeRaw`
      INSERT INTO "Sample" (id, "projectId", "storageKey", width, height, "contentHash", label, manipulation, split, novelty, "sourceName", "createdAt")
      SELECT md5(random()::text || s.id), ${toProjectId}, s."storageKey", s.width, s.height, s."contentHash", s.label, s.manipulation, s.split, s.novelty, s."sourceName", now()
      FROM "Sample" s WHERE s."projectId" = ${fromProjectId}`;
    await tx.$executeRaw`
      INSERT INTO "Mask" (id, "sampleId", version, source, encoding, data, width, height, area, reference, "noForgery", review, "createdAt")
      SELECT md5(random()::text || m.id), t.id, m.version, m.source, m.encoding, m.data, m.width, m.height, m.area, true, m."noForgery", m.review, now()
      FROM "Mask" m
      JOIN "Sample" s ON s.id = m."sampleId" AND s."projectId" = ${fromProjectId}
      JOIN "Sample" t ON t."projectId" = ${toProjectId} AND t."contentHash" = s."contentHash"
      WHERE m.reference`;
    return n;
  }, { timeout: 120_000 });
}
