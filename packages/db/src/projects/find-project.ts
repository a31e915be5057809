import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Project } from '../generated/prisma/client.ts';

/** A project by id or by slug, or null when there is none. */
export async function findProject(db: Db, opts: { projectId: string } | { slug: string }): Promise<Project | null> {
  return db.project.findUnique({ where: 'slug' in opts ? { slug: opts.slug } : { id: opts.projectId } });
}

/** A project by id; a DomainError not_found when there is none. */
export async function getProject(db: Db, opts: { projectId: string }): Promise<Project> {
  const project = await findProject(db, opts);
  if (!project) throw new DomainError('not_found', `No project ${opts.projectId}.`);
  return project;
}
