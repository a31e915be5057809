import type { Db } from '../client.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import type { Mask } from '../generated/prisma/client.ts';
import type { EncodedMask } from '../drafts/encoded-mask.ts';
import type { Actor } from '../tasks/annotator.ts';
import { appendHumanMask } from './append-human-mask.ts';
import { countSubmission } from './count-submission.ts';

export interface SubmitMaskOptions {
  actor: Actor;
  taskId: string;
  leaseToken: string;
  /** Client-generated id: the same submit sent twice stores one mask. */
  clientId: string;
  /** "No visible forgery": the mask must then be empty (and an empty mask always means it). */
  noForgery: boolean;
  mask: EncodedMask;
}

export interface SubmitMaskResult {
  mask: Mask;
  created: boolean;
  /** The author's n-th submission for this task (what the annotator is told). */
  submission: number;
}

const MAX_VERSION_ATTEMPTS = 5;

/**
 * Stores the actor's mask for a leased task as the sample's next version and marks the task submitted.
 * Idempotent on clientId; refused (conflict) when the lease token is stale — the lease expired and the task
 * moved on — so late work never overwrites newer work. A version taken concurrently (another submit or an
 * import on the same sample) is retried.
 */
export async function submitMask(db: Db, opts: SubmitMaskOptions): Promise<SubmitMaskResult> {
  if (opts.noForgery && opts.mask.area !== 0) throw new DomainError('invalid', '"No visible forgery" needs an empty mask.');
  for (let attempt = 1; ; attempt++) {
    try {
      return await submitOnce(db, opts);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= MAX_VERSION_ATTEMPTS) throw err;
    }
  }
}

async function submitOnce(db: Db, opts: SubmitMaskOptions): Promise<SubmitMaskResult> {
  const { actor, taskId, leaseToken, clientId, mask } = opts;
  return db.$transaction(async (tx) => {
    // The task row lock serialises submits of one task, so a double submit sees the first one's mask.
    const [task] = await tx.$queryRaw<{ id: string; status: string; leaseHolderId: string | null; leaseToken: string | null; sampleId: string }[]>`
      SELECT id, status::text AS status, "leaseHolderId", "leaseToken", "sampleId" FROM "AnnotationTask" WHERE id = ${taskId} FOR UPDATE`;
    const existing = await tx.mask.findUnique({ where: { clientId } });
    if (existing) {
      if (existing.taskId === taskId && existing.authorId === actor.id) return { mask: existing, created: false, submission: await countSubmission(tx, existing) };
      throw new DomainError('conflict', 'This submission id was already used for another task.');
    }
    if (!task) throw new DomainError('not_found', 'No such task.');
    if (task.status === 'expired') throw new DomainError('conflict', 'This task was withdrawn (its round stopped taking masks); your mask was not stored, your draft is kept.');
    if (task.status !== 'leased' || task.leaseHolderId !== actor.id || task.leaseToken !== leaseToken) {
      throw new DomainError('conflict', 'Your lease on this task ended (it expired and the task moved on, or it was already submitted); your mask was not stored.');
    }
    const sample = await tx.sample.findUniqueOrThrow({ where: { id: task.sampleId }, select: { width: true, height: true } });
    if (mask.width !== sample.width || mask.height !== sample.height) {
      throw new DomainError('invalid', `The mask is ${mask.width}×${mask.height}; the image is ${sample.width}×${sample.height}.`);
    }
    const created = await appendHumanMask(tx, { sampleId: task.sampleId, taskId, authorId: actor.id, clientId, mask });
    // The holder and token stay on the task: they say who submitted it and when the lease began.
    await tx.annotationTask.update({ where: { id: taskId }, data: { status: 'submitted', submittedAt: new Date(), leaseExpiresAt: null } });
    await tx.draft.deleteMany({ where: { taskId, userId: actor.id } });
    return { mask: created, created: true, submission: await countSubmission(tx, created) };
  });
}
