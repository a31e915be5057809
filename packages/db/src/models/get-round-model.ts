import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { ModelVersion } from '../generated/prisma/client.ts';
import { toModelVersionRecord, type ModelVersionRecord } from './model-json.ts';

/** The model version a round trained (metrics and data summary parsed); a DomainError not_found before it exists. */
export async function getRoundModel(db: Db, opts: { roundId: string }): Promise<ModelVersionRecord<ModelVersion>> {
  const model = await db.modelVersion.findUnique({ where: { roundId: opts.roundId } });
  if (!model) throw new DomainError('not_found', `Round ${opts.roundId} has no model version.`);
  return toModelVersionRecord(model);
}
