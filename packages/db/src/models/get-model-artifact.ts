import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';

/** A model's stored artifact with what a download needs (project scoped). */
export async function getModelArtifact(db: Db, opts: { projectId: string; modelVersionId: string }) {
  const a = await db.modelArtifact.findFirst({
    where: { modelVersionId: opts.modelVersionId, modelVersion: { projectId: opts.projectId } },
    select: { bytes: true, format: true, sha256: true, modelVersion: { select: { round: { select: { number: true } }, project: { select: { slug: true } } } } },
  });
  if (!a) throw new DomainError('not_found', 'This model version has no artifact.');
  const round = a.modelVersion.round?.number;
  return { bytes: new Uint8Array(a.bytes), format: a.format, sha256: a.sha256, fileName: `${a.modelVersion.project.slug}-${round === undefined ? opts.modelVersionId : `round-${round}`}.${a.format}.bin` };
}
