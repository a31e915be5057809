import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from './annotator.ts';
import { workableProjectWhere } from './project-access.ts';

/** A sample's image location, for a user who may work on its project; not_found otherwise. */
export async function getSampleForActor(db: Db, opts: { actor: Actor; sampleId: string }): Promise<{ id: string; storageKey: string; width: number; height: number }> {
  const sample = await db.sample.findFirst({
    where: { id: opts.sampleId, project: workableProjectWhere(opts.actor) },
    select: { id: true, storageKey: true, width: true, height: true },
  });
  if (!sample) throw new DomainError('not_found', 'No such sample.');
  return sample;
}

/**
 * The model's attention map for a sample (float32, row-major, size × size), from the given score or else the
 * newest score that has one; null when there is none.
 */
export async function getAttentionForActor(db: Db, opts: { actor: Actor; sampleId: string; scoreId?: string }): Promise<{ scoreId: string; size: number; values: Uint8Array } | null> {
  await getSampleForActor(db, opts);
  const score = await db.score.findFirst({
    where: { sampleId: opts.sampleId, attention: { not: null }, attentionSize: { not: null }, ...(opts.scoreId ? { id: opts.scoreId } : {}) },
    orderBy: { createdAt: 'desc' },
    select: { id: true, attention: true, attentionSize: true },
  });
  if (!score?.attention || !score.attentionSize) return null;
  return { scoreId: score.id, size: score.attentionSize, values: new Uint8Array(score.attention) };
}
