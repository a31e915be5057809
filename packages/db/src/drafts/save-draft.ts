import { randomUUID } from 'node:crypto';
import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../tasks/annotator.ts';
import { mayHoldTask } from '../tasks/may-hold-task.ts';
import type { EncodedMask } from './encoded-mask.ts';

export interface SaveDraftOptions {
  actor: Actor;
  taskId: string;
  /** Client-side sequence number; an older one arriving late never overwrites a newer one. */
  revision: number;
  mask: EncodedMask;
  /** The editor's undo history (opaque bytes, bounded by the caller); null or absent drops a stored one. */
  history?: Uint8Array | null;
}

/**
 * Stores the actor's draft for a task if `revision` is newer than the stored one (one atomic upsert).
 * The same revision with the same pixels is an accepted retry; anything else not newer is a conflict.
 */
export async function saveDraft(db: Db, opts: SaveDraftOptions): Promise<{ revision: number }> {
  const { actor, taskId, revision, mask } = opts;
  const history = opts.history ? Buffer.from(opts.history) : null;
  if (!(await mayHoldTask(db, { actor, taskId }))) throw new DomainError('not_found', 'No such task, or it is not yours to edit.');
  const sample = await db.annotationTask.findUniqueOrThrow({ where: { id: taskId }, select: { sample: { select: { width: true, height: true } } } });
  if (mask.width !== sample.sample.width || mask.height !== sample.sample.height) {
    throw new DomainError('invalid', `The mask is ${mask.width}×${mask.height}; the image is ${sample.sample.width}×${sample.sample.height}.`);
  }
  const rows = await db.$queryRaw<{ revision: number }[]>`
    INSERT INTO "Draft" (id, "taskId", "userId", encoding, data, width, height, revision, history, "updatedAt")
    VALUES (${randomUUID()}, ${taskId}, ${actor.id}, 'rle', ${Buffer.from(mask.data)}, ${mask.width}, ${mask.height}, ${revision}, ${history}, now())
    ON CONFLICT ("taskId", "userId") DO UPDATE
       SET data = EXCLUDED.data, encoding = EXCLUDED.encoding, width = EXCLUDED.width, height = EXCLUDED.height,
           revision = EXCLUDED.revision, history = EXCLUDED.history, "updatedAt" = now()
     WHERE "Draft".revision < EXCLUDED.revision
    RETURNING revision`;
  if (rows[0]) return { revision: rows[0].revision };
  // The same revision again is a retry only if it carries the same pixels (two tabs can number alike).
  const current = await db.draft.findUnique({ where: { taskId_userId: { taskId, userId: actor.id } }, select: { revision: true, data: true } });
  if (current?.revision === revision && Buffer.compare(Buffer.from(current.data), Buffer.from(mask.data)) === 0) return { revision };
  throw new DomainError('conflict', `A newer draft (revision ${current?.revision ?? '?'}) is already saved.`);
}
