import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../tasks/annotator.ts';
import { workableProjectWhere } from '../tasks/project-access.ts';

export interface MaskForReview {
  id: string;
  taskId: string | null;
  sampleId: string;
  version: number;
  encoding: 'rle' | 'png';
  data: Uint8Array;
  width: number;
  height: number;
  area: number;
  noForgery: boolean;
  review: 'pending' | 'accepted' | 'rejected';
  reviewNote: string | null;
  authorEmail: string | null;
  createdAt: Date;
}

/** A submitted mask with its pixels, for a reviewer of the mask's project. not_found otherwise. */
export async function getMaskForReview(db: Db, opts: { actor: Actor; maskId: string }): Promise<MaskForReview> {
  const mask = await db.mask.findFirst({
    where: { id: opts.maskId, sample: { project: workableProjectWhere(opts.actor) } },
    include: { author: { select: { email: true } } },
  });
  if (!mask) throw new DomainError('not_found', 'No such mask.');
  return {
    id: mask.id,
    taskId: mask.taskId,
    sampleId: mask.sampleId,
    version: mask.version,
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
  };
}
