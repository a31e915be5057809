import type { Db } from '../client.ts';
import type { Actor } from '../tasks/annotator.ts';

/**
 * For a task a reviewer returned to its author: the author's rejected mask, to continue from instead of an
 * empty canvas (the draft was consumed by the submit). Null when there is none.
 */
export async function getReworkBase(db: Db, opts: { actor: Actor; taskId: string }): Promise<{ data: Uint8Array; width: number; height: number; encoding: 'rle' | 'png' } | null> {
  const mask = await db.mask.findFirst({
    where: { taskId: opts.taskId, authorId: opts.actor.id, review: 'rejected', task: { assigneeId: opts.actor.id } },
    orderBy: { version: 'desc' },
    select: { data: true, width: true, height: true, encoding: true },
  });
  return mask ? { ...mask, data: new Uint8Array(mask.data) } : null;
}
