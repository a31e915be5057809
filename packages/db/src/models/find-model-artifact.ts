import type { Db } from '../client.ts';

/** A model version's stored artifact as it is (no checksum check: see loadArtifact), or null when it has none. */
export async function findModelArtifact(db: Db, opts: { modelVersionId: string }): Promise<{ format: string; sha256: string; bytes: Uint8Array } | null> {
  const a = await db.modelArtifact.findUnique({ where: { modelVersionId: opts.modelVersionId }, select: { format: true, sha256: true, bytes: true } });
  return a ? { format: a.format, sha256: a.sha256, bytes: new Uint8Array(a.bytes) } : null;
}
