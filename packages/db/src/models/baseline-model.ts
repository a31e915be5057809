import { createHash } from 'node:crypto';
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';
import type { ModelVersion, Prisma } from '../generated/prisma/client.ts';
import { toModelVersionRecord, type ModelVersionRecord } from './model-json.ts';

/**
 * The version of a project's labelled data that a no-mask baseline depends on: its training and validation
 * samples (ids and labels). New or removed samples make a new version; masks do not.
 */
export async function projectDataVersion(db: Db, opts: { projectId: string }): Promise<string> {
  const { projectId } = opts;
  const rows = await db.sample.findMany({ where: { projectId, split: { in: ['train', 'val'] } }, select: { id: true, label: true, split: true }, orderBy: { id: 'asc' } });
  const digest = createHash('sha256');
  for (const r of rows) digest.update(`${r.id}:${r.label}:${r.split};`);
  return `${projectId}:${rows.length}:${digest.digest('hex').slice(0, 16)}`;
}

/**
 * The project's no-mask baseline for a data version, created on first call and returned as is afterwards
 * (ModelVersion.baselineFor is unique): a retried or duplicated job never trains a second one.
 */
export async function ensureBaselineModel(db: Db, opts: { projectId: string; dataVersion: string; config: Prisma.InputJsonValue }): Promise<ModelVersionRecord<ModelVersion>> {
  try {
    return toModelVersionRecord(await db.modelVersion.upsert({
      where: { baselineFor: opts.dataVersion },
      create: { projectId: opts.projectId, baselineFor: opts.dataVersion, config: opts.config, backend: 'pending', status: 'training' },
      update: {},
    }));
  } catch (err) {
    // Two callers at once: both found no row and both inserted; the loser reads the winner's row.
    if (isUniqueViolation(err)) return toModelVersionRecord(await db.modelVersion.findUniqueOrThrow({ where: { baselineFor: opts.dataVersion } }));
    throw err;
  }
}
