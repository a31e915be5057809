import type { Db } from '../client.ts';
import { sampleName } from '../review/get-mask-for-review.ts';
import type { Actor } from './annotator.ts';

/**
 * Where a task stands for its author: waiting for review, accepted (as is, or after a reviewer's
 * correction), returned (rejected, back with the author to rework) or rejected (and no longer open).
 */
export type MyTaskState = 'submitted' | 'accepted' | 'corrected' | 'returned' | 'rejected';

export interface MyTask {
  taskId: string;
  projectName: string;
  sampleId: string;
  sampleName: string;
  width: number;
  height: number;
  state: MyTaskState;
  /** The author's latest submission: its number (1, 2 …), pixels (for the thumbnail) and when. */
  submission: number;
  noForgery: boolean;
  area: number;
  encoding: 'rle' | 'png';
  data: Uint8Array;
  submittedAt: Date;
  reviewNote: string | null;
  reviewedAt: Date | null;
  /** Only a returned task can be opened again (it is queued for its author, or the author holds it). */
  canReopen: boolean;
}

/** The tasks the actor submitted masks for, newest submission first (at most `limit`). */
export async function listMyTasks(db: Db, opts: { actor: Actor; limit?: number }): Promise<MyTask[]> {
  const { actor } = opts;
  // Each task's latest submission by the actor, the newest first.
  const latest = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM (
      SELECT DISTINCT ON ("taskId") id, "createdAt" FROM "Mask"
       WHERE "authorId" = ${actor.id} AND source = 'human' AND "taskId" IS NOT NULL
       ORDER BY "taskId", "createdAt" DESC, version DESC) m
    ORDER BY "createdAt" DESC LIMIT ${opts.limit ?? 100}`;
  const masks = await db.mask.findMany({
    where: { id: { in: latest.map((r) => r.id) } },
    orderBy: { createdAt: 'desc' },
    include: {
      sample: { select: { sourceName: true, manipulation: true } },
      task: { select: { status: true, assigneeId: true, leaseHolderId: true, project: { select: { name: true } }, _count: { select: { masks: { where: { authorId: actor.id, source: 'human' } } } } } },
    },
  });
  return masks.map((m) => {
    const task = m.task!;
    const open = task.assigneeId === actor.id && (task.status === 'queued' || (task.status === 'leased' && task.leaseHolderId === actor.id));
    const state: MyTaskState = m.review === 'pending' ? 'submitted' : m.review === 'accepted' ? 'accepted' : m.review === 'corrected' ? 'corrected' : open ? 'returned' : 'rejected';
    return {
      taskId: m.taskId!,
      projectName: task.project.name,
      sampleId: m.sampleId,
      sampleName: sampleName(m.sample, m.sampleId),
      width: m.width,
      height: m.height,
      state,
      submission: task._count.masks,
      noForgery: m.noForgery,
      area: m.area,
      encoding: m.encoding,
      data: new Uint8Array(m.data),
      submittedAt: m.createdAt,
      reviewNote: m.reviewNote,
      reviewedAt: m.reviewedAt,
      canReopen: state === 'returned',
    };
  });
}
