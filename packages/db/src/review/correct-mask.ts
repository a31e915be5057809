import type { Db } from '../client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { EncodedMask } from '../drafts/encoded-mask.ts';
import { DomainError } from '../errors.ts';
import type { Mask } from '../generated/prisma/client.ts';
import { appendHumanMask } from '../submissions/append-human-mask.ts';
import type { Actor } from '../tasks/annotator.ts';
import { canWorkOnProject } from '../tasks/project-access.ts';

export interface CorrectMaskOptions {
  /** A reviewer or an admin (the caller checks the role). */
  actor: Actor;
  maskId: string;
  /** The reviewer's corrected mask (same size as the sample). */
  mask: EncodedMask;
  /** Client-generated id: a retried correction stores one mask. */
  clientId: string;
  comment?: string;
  ip?: string | null;
}

/**
 * A reviewer's correction of a pending mask: the reviewer's mask is stored as a new version authored by the
 * reviewer (accepted), the original is kept unchanged but marked `corrected`, and the task is done — one
 * transaction, audited. Idempotent on clientId; conflict when the mask was already reviewed.
 */
export async function correctMask(db: Db, opts: CorrectMaskOptions): Promise<{ mask: Mask; created: boolean }> {
  const { actor, maskId, clientId } = opts;
  const comment = opts.comment?.trim() || null;
  return db.$transaction(async (tx) => {
    const original = await tx.mask.findUnique({ where: { id: maskId }, include: { task: { select: { id: true, projectId: true, status: true } } } });
    if (!original || !original.task || !(await canWorkOnProject(tx, { actor, projectId: original.task.projectId }))) throw new DomainError('not_found', 'No such mask.');
    const repeat = await tx.mask.findUnique({ where: { clientId } });
    if (repeat) {
      if (repeat.taskId === original.taskId && repeat.authorId === actor.id) return { mask: repeat, created: false };
      throw new DomainError('conflict', 'This correction id was already used for another mask.');
    }
    if (original.authorId === actor.id && actor.role !== 'admin') throw new DomainError('forbidden', 'Reviewers do not review their own masks.');
    if (opts.mask.width !== original.width || opts.mask.height !== original.height) {
      throw new DomainError('invalid', `The correction is ${opts.mask.width}×${opts.mask.height}; the mask is ${original.width}×${original.height}.`);
    }
    const marked = await tx.mask.updateMany({
      where: { id: maskId, review: 'pending' },
      data: { review: 'corrected', reviewerId: actor.id, reviewNote: comment, reviewedAt: new Date() },
    });
    if (marked.count !== 1) throw new DomainError('conflict', 'This mask was already reviewed.');
    const task = await tx.annotationTask.updateMany({ where: { id: original.task.id, status: 'submitted' }, data: { status: 'accepted' } });
    if (task.count !== 1) throw new DomainError('conflict', `The mask's task is ${original.task.status}, not awaiting review.`);
    const corrected = await appendHumanMask(tx, {
      sampleId: original.sampleId,
      taskId: original.task.id,
      authorId: actor.id,
      clientId,
      mask: opts.mask,
      review: 'accepted',
      reviewerId: actor.id,
    });
    await recordAuditEvent(tx, {
      action: 'mask.correct',
      actorId: actor.id,
      projectId: original.task.projectId,
      targetType: 'mask',
      targetId: maskId,
      data: { taskId: original.task.id, sampleId: original.sampleId, correctionId: corrected.id, authorId: original.authorId, comment },
      ip: opts.ip ?? null,
    });
    return { mask: corrected, created: true };
  });
}
