import type { Db } from '../client.ts';
import type { Actor } from '../tasks/annotator.ts';
import { workableProjectWhere } from '../tasks/project-access.ts';

export interface ReviewQueueItem {
  maskId: string;
  taskId: string;
  projectId: string;
  projectName: string;
  sampleId: string;
  version: number;
  area: number;
  noForgery: boolean;
  authorEmail: string | null;
  submittedAt: Date;
}

/** Human masks awaiting review in the reviewer's projects, oldest first. Reviewers never review their own masks (admins may). */
export async function listReviewQueue(db: Db, opts: { actor: Actor; projectId?: string; limit?: number }): Promise<ReviewQueueItem[]> {
  const { actor } = opts;
  const masks = await db.mask.findMany({
    where: {
      review: 'pending',
      source: 'human',
      task: { status: 'submitted', project: workableProjectWhere(actor), ...(opts.projectId ? { projectId: opts.projectId } : {}) },
      ...(actor.role === 'admin' ? {} : { NOT: { authorId: actor.id } }),
    },
    orderBy: { createdAt: 'asc' },
    take: opts.limit ?? 100,
    include: { author: { select: { email: true } }, task: { select: { id: true, projectId: true, project: { select: { name: true } } } } },
  });
  return masks.map((m) => ({
    maskId: m.id,
    taskId: m.task!.id,
    projectId: m.task!.projectId,
    projectName: m.task!.project.name,
    sampleId: m.sampleId,
    version: m.version,
    area: m.area,
    noForgery: m.noForgery,
    authorEmail: m.author?.email ?? null,
    submittedAt: m.createdAt,
  }));
}
