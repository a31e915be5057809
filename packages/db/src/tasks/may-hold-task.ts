import type { Db } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from './annotator.ts';
import { canWorkOnProject } from './project-access.ts';

/**
 * Whether the actor holds the task's lease or could lease it right now (queued, open to them). Drafts may
 * be saved in either case, so an autosave racing a lease expiry is kept rather than lost.
 */
export async function mayHoldTask(db: Db | Prisma.TransactionClient, opts: { actor: Actor; taskId: string }): Promise<boolean> {
  const task = await db.annotationTask.findUnique({ where: { id: opts.taskId }, select: { projectId: true, status: true, leaseHolderId: true, assigneeId: true } });
  if (!task) return false;
  if (task.status === 'leased' && task.leaseHolderId === opts.actor.id) return true;
  if (task.status !== 'queued' || (task.assigneeId !== null && task.assigneeId !== opts.actor.id)) return false;
  return canWorkOnProject(db, { actor: opts.actor, projectId: task.projectId });
}
