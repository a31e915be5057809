import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from './annotator.ts';

// The one place that decides who may work on which project. Every role may annotate; admins see every
// project, others the projects they are members of and those an admin opened to all annotators
// (Project.openToAllAnnotators, off by default: a new project is closed to non-members).

/** Prisma filter for the projects `actor` may work on. */
export function workableProjectWhere(actor: Actor): Prisma.ProjectWhereInput {
  if (actor.role === 'admin') return {};
  return { OR: [{ members: { some: { userId: actor.id } } }, { openToAllAnnotators: true }] };
}

export async function canWorkOnProject(db: Db | Prisma.TransactionClient, opts: { actor: Actor; projectId: string }): Promise<boolean> {
  const found = await db.project.findFirst({ where: { AND: [{ id: opts.projectId }, workableProjectWhere(opts.actor)] }, select: { id: true } });
  return found !== null;
}

/** Throws not_found (never revealing that the project exists) unless the actor may work on it. */
export async function assertCanWorkOnProject(db: Db | Prisma.TransactionClient, opts: { actor: Actor; projectId: string }): Promise<void> {
  if (!(await canWorkOnProject(db, opts))) throw new DomainError('not_found', 'No such project.');
}
