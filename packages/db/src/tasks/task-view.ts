import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { TaskStatus } from '../generated/prisma/enums.ts';
import type { Actor } from './annotator.ts';

/** What the editor needs to open a task (never another user's draft or lease token). */
export interface TaskView {
  id: string;
  projectId: string;
  projectName: string;
  roundId: string;
  status: TaskStatus;
  priority: number;
  attempts: number;
  /** Set when a reviewer returned the task to its author. */
  assigneeId: string | null;
  leaseToken: string | null;
  leaseExpiresAt: Date | null;
  leaseTtlSeconds: number;
  sample: { id: string; width: number; height: number; label: string; manipulation: string | null };
  /** The model score the task was selected with; its attention map feeds the overlay and the prefill. */
  score: { id: string; pFake: number; attentionSize: number | null } | null;
  /** The reviewer's comment when this is a rejected task coming back. */
  reviewNote: string | null;
}

const include = {
  project: { select: { name: true, leaseTtlSeconds: true } },
  sample: { select: { id: true, width: true, height: true, label: true, manipulation: true } },
  score: { select: { id: true, pFake: true, attentionSize: true } },
  masks: { where: { review: 'rejected' }, orderBy: { createdAt: 'desc' }, take: 1, select: { reviewNote: true } },
} satisfies Prisma.AnnotationTaskInclude;

/** The task as its lease holder sees it; not_found for anyone else (existence is not revealed). */
export async function getTaskForHolder(db: Db | Prisma.TransactionClient, opts: { actor: Actor; taskId: string }): Promise<TaskView> {
  const task = await db.annotationTask.findFirst({ where: { id: opts.taskId, leaseHolderId: opts.actor.id }, include });
  if (!task) throw new DomainError('not_found', 'No such task, or it is not leased to you.');
  return {
    id: task.id,
    projectId: task.projectId,
    projectName: task.project.name,
    roundId: task.roundId,
    status: task.status,
    priority: task.priority,
    attempts: task.attempts,
    assigneeId: task.assigneeId,
    leaseToken: task.status === 'leased' ? task.leaseToken : null,
    leaseExpiresAt: task.leaseExpiresAt,
    leaseTtlSeconds: task.project.leaseTtlSeconds,
    sample: { ...task.sample, label: task.sample.label },
    score: task.score,
    reviewNote: task.masks[0]?.reviewNote ?? null,
  };
}
