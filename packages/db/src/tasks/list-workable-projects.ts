import type { Db } from '../client.ts';
import type { Actor } from './annotator.ts';
import { workableProjectWhere } from './project-access.ts';

export interface WorkableProject {
  id: string;
  name: string;
  /** Queued tasks this actor could lease now (their own returned tasks included). */
  queued: number;
  /** The actor's live lease in this project, to resume. */
  leasedTaskId: string | null;
}

/** The projects the actor may annotate, with what is waiting for them. */
export async function listWorkableProjects(db: Db, opts: { actor: Actor }): Promise<WorkableProject[]> {
  const { actor } = opts;
  const projects = await db.project.findMany({ where: workableProjectWhere(actor), orderBy: { createdAt: 'asc' }, select: { id: true, name: true } });
  const ids = projects.map((p) => p.id);
  const [queued, leased] = await Promise.all([
    db.annotationTask.groupBy({
      by: ['projectId'],
      where: { projectId: { in: ids }, status: 'queued', OR: [{ assigneeId: null }, { assigneeId: actor.id }] },
      _count: { _all: true },
    }),
    db.annotationTask.findMany({
      where: { projectId: { in: ids }, status: 'leased', leaseHolderId: actor.id, leaseExpiresAt: { gt: new Date() } },
      select: { id: true, projectId: true },
    }),
  ]);
  return projects.map((p) => ({
    ...p,
    queued: queued.find((q) => q.projectId === p.id)?._count._all ?? 0,
    leasedTaskId: leased.find((l) => l.projectId === p.id)?.id ?? null,
  }));
}
