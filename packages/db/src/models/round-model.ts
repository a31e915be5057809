import { createHash } from 'node:crypto';
import type { Db } from '../client.ts';
import { toDbBytes } from '../bytes.ts';
import type { ModelVersion, Prisma } from '../generated/prisma/client.ts';
import { toModelVersionRecord, type ModelVersionRecord } from './model-json.ts';

/**
 * The round's model version, created on first call and returned as is afterwards (ModelVersion.roundId is
 * unique): a retried or duplicated train job never makes a second model version for one round.
 */
export async function ensureRoundModel(
  db: Db,
  opts: { projectId: string; roundId: string; parentId: string | null; config: Prisma.InputJsonValue; backend: string },
): Promise<ModelVersionRecord<ModelVersion>> {
  return toModelVersionRecord(
    await db.modelVersion.upsert({
      where: { roundId: opts.roundId },
      create: { projectId: opts.projectId, roundId: opts.roundId, parentId: opts.parentId, config: opts.config, backend: opts.backend, status: 'training' },
      update: {},
    }),
  );
}

/** Store the artifact and mark the model trained, in one transaction (never a "ready" model without bytes). */
export async function completeTraining(
  db: Db,
  opts: { modelVersionId: string; bytes: Uint8Array; format: string; backend: string; dataSummary: Prisma.InputJsonValue; trainingMs: number },
): Promise<void> {
  const buf = toDbBytes(opts.bytes);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  await db.$transaction([
    db.modelArtifact.upsert({
      where: { modelVersionId: opts.modelVersionId },
      create: { modelVersionId: opts.modelVersionId, format: opts.format, bytes: buf, sha256 },
      update: { format: opts.format, bytes: buf, sha256 },
    }),
    db.modelVersion.update({
      where: { id: opts.modelVersionId },
      data: { status: 'evaluating', backend: opts.backend, dataSummary: opts.dataSummary, trainingMs: opts.trainingMs, error: null },
    }),
  ]);
}

export async function loadArtifact(db: Db, opts: { modelVersionId: string }): Promise<Uint8Array> {
  const { modelVersionId } = opts;
  const a = await db.modelArtifact.findUnique({ where: { modelVersionId } });
  if (!a) throw new Error(`model version ${modelVersionId} has no artifact`);
  const bytes = new Uint8Array(a.bytes);
  if (createHash('sha256').update(bytes).digest('hex') !== a.sha256) throw new Error(`artifact of ${modelVersionId} is corrupt (checksum mismatch)`);
  return bytes;
}
