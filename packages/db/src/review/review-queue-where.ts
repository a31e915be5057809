import type { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from '../tasks/annotator.ts';
import { workableProjectWhere } from '../tasks/project-access.ts';

/** Human masks awaiting review in the actor's projects; reviewers never review their own masks (admins may). */
export function reviewQueueWhere(actor: Actor, projectId?: string): Prisma.MaskWhereInput {
  return {
    review: 'pending',
    source: 'human',
    task: { status: 'submitted', project: workableProjectWhere(actor), ...(projectId ? { projectId } : {}) },
    ...(actor.role === 'admin' ? {} : { NOT: { authorId: actor.id } }),
  };
}

/** Oldest first, as the queue is listed. */
export const REVIEW_QUEUE_ORDER = [{ createdAt: 'asc' }, { id: 'asc' }] satisfies Prisma.MaskOrderByWithRelationInput[];
