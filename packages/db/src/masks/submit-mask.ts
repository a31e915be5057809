import type { Db } from '../client.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import type { Mask } from '../generated/prisma/client.ts';
import type { EncodedMask } from '../drafts/encoded-mask.ts';
import type { Actor } from '../tasks/annotator.ts';

export interface SubmitMaskOptions {
  actor: Actor;
  taskId: string;
  leaseToken: string;
  /** Client-generated id: the same submit sent twice stores one mask. */
  clientId: string;
  /** "No visible forgery": the mask must then be empty. */
  noForgery: boolean;
  mask: EncodedMask;
}

const MAX_VERSION_ATTEMPTS = 5;

/**
 * Stores the actor's mask for a leased task as the sample's next version and marks the task submitted.
 * Idempotent on clientId; refused (conflict) when the lease token is stale — the lease expired and the task
 * moved on — so late work never overwrites newer work. A version taken concurrently (another submit or an
 * import on the same sample) is retried.
 */
export async function submitMask(db: Db, opts: SubmitMaskOptions): Promise<{ mask: Mask; created: boolean }> {
  if (opts.noForgery && opts.mask.area !== 0) throw new DomainError('invalid', '"No visible forgery" needs an empty mask.');
  for (let attempt = 1; ; attempt++) {
    try {
      return await submitOnce(db, opts);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= MAX_VERSION_ATTEMPTS) throw err;
    }
  }
}

async function submitOnce(db: Db, opts: SubmitMaskOptions): Promise<{ mask: Mask; created: boolean }> {
  const { actor, taskId, leaseToken, clientId, mask } = opts;
  return db.$transaction(async (tx) => {
    // The task row lock serialises submits of one task, so a double submit sees the first one's mask.
    const [task] = await tx.$queryRaw<{ id: string; status: string; leaseHolderId: string | null; leaseToken: string | null; sampleId: string }[]>`
      SELECT id, status::text AS status, "leaseHolderId", "leaseToken", "sampleId" FROM "AnnotationTask" WHERE id = ${taskId} FOR UPDATE`;
    const existing = await tx.mask.findUnique({ where: { clientId } });
    if (existing) {
      if (existing.taskId === taskId && existing.authorId === actor.id) return { mask: existing, created: false };
      throw new DomainError('conflict', 'This submission id was already used for another task.');
    }
    if (!task) throw new DomainError('not_found', 'No such task.');
    if (task.status !== 'leased' || task.leaseHolderId !== actor.id || task.leaseToken !== leaseToken) {
      throw new DomainError('conflict', 'Your lease on this task ended (it expired and the task moved on, or it was already submitted); your mask was not stored.');
    }
    const sample = await tx.sample.findUniqueOrThrow({ where: { id: task.sampleId }, select: { width: true, height: true } });
    if (mask.width !== sample.width || mask.height !== sample.height) {
      throw new DomainError('invalid', `The mask is ${mask.width}×${mask.height}; the image is ${sample.width}×${sample.height}.`);
    }
    // Submits of one sample take turns choosing the next version (held to commit); the retry above is
    // left for writers that do not take this lock (imports).
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`mask-version:${task.sampleId}`}))`;
    const [{ next }] = (await tx.$queryRaw<{ next: number }[]>`
      SELECT COALESCE(MAX(version), 0) + 1 AS next FROM "Mask" WHERE "sampleId" = ${task.sampleId}`) as [{ next: number }];
    const created = await tx.mask.create({
      data: {
        sampleId: task.sampleId,
        version: Number(next),
        authorId: actor.id,
        taskId,
        source: 'human',
        encoding: mask.encoding,
        data: Buffer.from(mask.data),
        width: mask.width,
        height: mask.height,
        area: mask.area,
        noForgery: opts.noForgery,
        clientId,
      },
    });
    // The holder and token stay on the task: they say who submitted it and when the lease began.
    await tx.annotationTask.update({ where: { id: taskId }, data: { status: 'submitted', submittedAt: new Date(), leaseExpiresAt: null } });
    await tx.draft.deleteMany({ where: { taskId, userId: actor.id } });
    return { mask: created, created: true };
  });
}
