import type { Db } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from './annotator.ts';
import { newLeaseToken } from './lease-token.ts';
import { canWorkOnProject } from './project-access.ts';

/** Why a task no longer opens, in the words of the person who tried. */
const CLOSED_MESSAGE: Partial<Record<string, string>> = {
  leased: 'Someone else is working on this task.',
  submitted: 'You already submitted this task; it is waiting for review. See "My work" for where it stands.',
  accepted: 'This task is done: its mask was accepted. See "My work".',
  skipped: 'This task was skipped.',
  expired: 'This task was withdrawn: its round no longer takes masks.',
};

/**
 * Opens one given task for the actor: renews the actor's own lease (keeping its token, even when it ran out
 * but nobody took the task since), or leases the task anew when it is queued and the actor may take it.
 * This is what the editor calls on load, so a reload or a browser restart resumes the same task.
 * not_found when the task is someone else's or does not exist; conflict when it is no longer open.
 */
export async function leaseTask(db: Db | Prisma.TransactionClient, opts: { actor: Actor; taskId: string }): Promise<{ taskId: string; leaseToken: string }> {
  const { actor, taskId } = opts;
  const task = await db.annotationTask.findUnique({ where: { id: taskId }, select: { projectId: true, status: true, leaseHolderId: true, assigneeId: true } });
  const mine = task?.leaseHolderId === actor.id;
  if (!task || (!mine && !(await canWorkOnProject(db, { actor, projectId: task.projectId })))) throw new DomainError('not_found', 'No such task.');
  if (!mine && (task.status === 'leased' || (task.assigneeId !== null && task.assigneeId !== actor.id))) {
    throw new DomainError('not_found', 'No such task, or it is leased to someone else.');
  }
  const token = newLeaseToken();
  // One statement decides: a concurrent lease by someone else makes this match nothing (row lock + recheck).
  // Someone else's lease, expired or not, was refused above: expireStaleLeases (the reconciler, leaseNextTask) queues it again.
  const rows = await db.$queryRaw<{ id: string; leaseToken: string }[]>`
    UPDATE "AnnotationTask" t
       SET status = 'leased', "leaseHolderId" = ${actor.id},
           "leaseToken" = CASE WHEN t.status = 'leased' AND t."leaseHolderId" = ${actor.id} THEN t."leaseToken" ELSE ${token} END,
           attempts = CASE WHEN t.status = 'leased' AND t."leaseHolderId" = ${actor.id} THEN t.attempts ELSE t.attempts + 1 END,
           "leaseExpiresAt" = now() + make_interval(secs => p."leaseTtlSeconds"), "updatedAt" = now()
      FROM "Project" p
     WHERE p.id = t."projectId" AND t.id = ${taskId}
       AND ((t.status = 'leased' AND t."leaseHolderId" = ${actor.id})
         OR (t.status = 'queued' AND (t."assigneeId" IS NULL OR t."assigneeId" = ${actor.id})))
    RETURNING t.id, t."leaseToken"`;
  const row = rows[0];
  if (!row) throw new DomainError('conflict', CLOSED_MESSAGE[task.status] ?? `The task is ${task.status} and cannot be opened.`);
  return { taskId: row.id, leaseToken: row.leaseToken };
}
