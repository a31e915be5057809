import type { Db } from '../client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../tasks/annotator.ts';
import { canWorkOnProject } from '../tasks/project-access.ts';

export interface ReviewMaskOptions {
  /** A reviewer or an admin (the caller checks the role). */
  actor: Actor;
  maskId: string;
  decision: 'accept' | 'reject';
  comment?: string;
  ip?: string | null;
}

/**
 * Accepts or rejects a pending human mask. Accept: the mask is accepted and its task done. Reject: the mask
 * is rejected and the task goes back to the queue assigned to its author, who alone will lease it again.
 * Both are audited. conflict when the mask was already reviewed (two reviewers racing: the first wins).
 */
export async function reviewMask(db: Db, opts: ReviewMaskOptions): Promise<{ review: 'accepted' | 'rejected'; taskStatus: 'accepted' | 'queued' }> {
  const { actor, maskId, decision } = opts;
  const comment = opts.comment?.trim() || null;
  if (decision === 'reject' && !comment) throw new DomainError('invalid', 'Say why the mask is rejected: the author needs the comment.');
  return db.$transaction(async (tx) => {
    const mask = await tx.mask.findUnique({ where: { id: maskId }, include: { task: { select: { id: true, projectId: true, status: true } } } });
    if (!mask || !mask.task || !(await canWorkOnProject(tx, { actor, projectId: mask.task.projectId }))) throw new DomainError('not_found', 'No such mask.');
    if (mask.authorId === actor.id && actor.role !== 'admin') throw new DomainError('forbidden', 'Reviewers do not review their own masks.');
    const review = decision === 'accept' ? 'accepted' : 'rejected';
    const updated = await tx.mask.updateMany({
      where: { id: maskId, review: 'pending' },
      data: { review, reviewerId: actor.id, reviewNote: comment, reviewedAt: new Date() },
    });
    if (updated.count !== 1) throw new DomainError('conflict', 'This mask was already reviewed.');
    const taskStatus = decision === 'accept' ? 'accepted' : 'queued';
    const task = await tx.annotationTask.updateMany({
      where: { id: mask.task.id, status: 'submitted' },
      data:
        decision === 'accept'
          ? { status: 'accepted' }
          : { status: 'queued', assigneeId: mask.authorId, leaseHolderId: null, leaseToken: null, leaseExpiresAt: null },
    });
    if (task.count !== 1) throw new DomainError('conflict', `The mask's task is ${mask.task.status}, not awaiting review.`);
    await recordAuditEvent(tx, {
      action: decision === 'accept' ? 'mask.accept' : 'mask.reject',
      actorId: actor.id,
      projectId: mask.task.projectId,
      targetType: 'mask',
      targetId: maskId,
      data: { taskId: mask.task.id, sampleId: mask.sampleId, version: mask.version, authorId: mask.authorId, comment },
      ip: opts.ip ?? null,
    });
    return { review, taskStatus };
  });
}
