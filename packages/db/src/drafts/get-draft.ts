import type { Db } from '../client.ts';
import type { Actor } from '../tasks/annotator.ts';

export interface DraftView {
  taskId: string;
  revision: number;
  encoding: 'rle' | 'png';
  data: Uint8Array;
  width: number;
  height: number;
  /** The editor's serialized undo history, when it sent one. */
  history: Uint8Array | null;
  updatedAt: Date;
}

/** The actor's own draft for a task, or null. Drafts are per user: nobody reads another user's draft. */
export async function getDraft(db: Db, opts: { actor: Actor; taskId: string }): Promise<DraftView | null> {
  const draft = await db.draft.findUnique({ where: { taskId_userId: { taskId: opts.taskId, userId: opts.actor.id } } });
  if (!draft) return null;
  const { taskId, revision, encoding, data, width, height, history, updatedAt } = draft;
  return { taskId, revision, encoding, data: new Uint8Array(data), width, height, history: history ? new Uint8Array(history) : null, updatedAt };
}
