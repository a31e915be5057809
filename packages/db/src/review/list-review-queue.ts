import type { Db } from '../client.ts';
import { countSubmission } from '../submissions/count-submission.ts';
import type { Actor } from '../tasks/annotator.ts';
import { sampleName } from './get-mask-for-review.ts';
import { REVIEW_QUEUE_ORDER, reviewQueueWhere } from './review-queue-where.ts';

export interface ReviewQueueItem {
  maskId: string;
  taskId: string;
  projectId: string;
  projectName: string;
  sampleId: string;
  sampleName: string;
  width: number;
  height: number;
  version: number;
  /** The author's n-th submission for the task (2 = resubmitted after a rejection). */
  submission: number;
  area: number;
  noForgery: boolean;
  authorEmail: string | null;
  submittedAt: Date;
  /** The mask as stored (COCO RLE counts, for thumbnails). */
  encoding: 'rle' | 'png';
  data: Uint8Array;
}

/** Human masks awaiting review in the reviewer's projects, oldest first. Reviewers never review their own masks (admins may). */
export async function listReviewQueue(db: Db, opts: { actor: Actor; projectId?: string; limit?: number }): Promise<ReviewQueueItem[]> {
  const { actor } = opts;
  const masks = await db.mask.findMany({
    where: reviewQueueWhere(actor, opts.projectId),
    orderBy: REVIEW_QUEUE_ORDER,
    take: opts.limit ?? 100,
    include: {
      author: { select: { email: true } },
      sample: { select: { sourceName: true, manipulation: true } },
      task: { select: { id: true, projectId: true, project: { select: { name: true } } } },
    },
  });
  return Promise.all(
    masks.map(async (m) => ({
      maskId: m.id,
      taskId: m.task!.id,
      projectId: m.task!.projectId,
      projectName: m.task!.project.name,
      sampleId: m.sampleId,
      sampleName: sampleName(m.sample, m.sampleId),
      width: m.width,
      height: m.height,
      version: m.version,
      submission: await countSubmission(db, m),
      area: m.area,
      noForgery: m.noForgery,
      authorEmail: m.author?.email ?? null,
      submittedAt: m.createdAt,
      encoding: m.encoding,
      data: new Uint8Array(m.data),
    })),
  );
}
