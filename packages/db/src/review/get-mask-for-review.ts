import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { ReviewStatus } from '../generated/prisma/enums.ts';
import { countSubmission } from '../submissions/count-submission.ts';
import type { Actor } from '../tasks/annotator.ts';
import { workableProjectWhere } from '../tasks/project-access.ts';

interface StoredMask {
  encoding: 'rle' | 'png';
  data: Uint8Array;
  width: number;
  height: number;
}

export interface MaskForReview extends StoredMask {
  id: string;
  taskId: string | null;
  sampleId: string;
  sampleName: string;
  projectName: string;
  version: number;
  /** The author's n-th submission for the task. */
  submission: number;
  area: number;
  noForgery: boolean;
  review: ReviewStatus;
  reviewNote: string | null;
  authorEmail: string | null;
  createdAt: Date;
  /** The model score the task was selected with, when it has an attention map. */
  attentionScoreId: string | null;
  /** The sample's reference (ground-truth) mask, where one exists: shown beside, never numbered with the annotations. */
  reference: StoredMask | null;
  /** The previous and next masks in the reviewer's queue (ids, oldest first), for next / previous. */
  previousId: string | null;
  nextId: string | null;
}

/** A submitted mask with its pixels, its sample's reference mask and its queue neighbours, for a reviewer of the mask's project. */
export async function getMaskForReview(db: Db, opts: { actor: Actor; maskId: string; queue?: string[] }): Promise<MaskForReview> {
  const mask = await db.mask.findFirst({
    where: { id: opts.maskId, sample: { project: workableProjectWhere(opts.actor) } },
    include: {
      author: { select: { email: true } },
      task: { select: { score: { select: { id: true, attentionSize: true } } } },
      sample: { select: { sourceName: true, manipulation: true, project: { select: { name: true } } } },
    },
  });
  if (!mask) throw new DomainError('not_found', 'No such mask.');
  const reference = await db.mask.findFirst({
    where: { sampleId: mask.sampleId, reference: true },
    orderBy: { version: 'desc' },
    select: { encoding: true, data: true, width: true, height: true },
  });
  const at = opts.queue?.indexOf(mask.id) ?? -1;
  const score = mask.task?.score;
  return {
    id: mask.id,
    taskId: mask.taskId,
    sampleId: mask.sampleId,
    sampleName: sampleName(mask.sample, mask.sampleId),
    projectName: mask.sample.project.name,
    version: mask.version,
    submission: await countSubmission(db, mask),
    encoding: mask.encoding,
    data: new Uint8Array(mask.data),
    width: mask.width,
    height: mask.height,
    area: mask.area,
    noForgery: mask.noForgery,
    review: mask.review,
    reviewNote: mask.reviewNote,
    authorEmail: mask.author?.email ?? null,
    createdAt: mask.createdAt,
    attentionScoreId: score?.attentionSize ? score.id : null,
    reference: reference ? { ...reference, data: new Uint8Array(reference.data) } : null,
    previousId: at > 0 ? opts.queue![at - 1]! : null,
    // A mask outside the queue (already reviewed) leads to the first one waiting.
    nextId: opts.queue?.[at + 1] ?? null,
  };
}

/** What people call a sample: its source file name, else its manipulation and a short id. */
export function sampleName(sample: { sourceName: string | null; manipulation: string | null }, id: string): string {
  return sample.sourceName ?? `${sample.manipulation ?? 'sample'} #${id.slice(-6)}`;
}
