import { z } from 'zod';
import type { Db } from '../client.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import type { Prisma, Project } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { createProjectSchema, type CreateProjectInput } from './project-settings.ts';

/** A new project from its settings (validated here), audited as created by `actorId` (null: the system). */
export async function createProject(db: Db, opts: CreateProjectInput & { actorId?: string | null }): Promise<Project> {
  const { actorId = null, ...input } = opts;
  const parsed = createProjectSchema.safeParse(input);
  if (!parsed.success) throw new DomainError('invalid', z.prettifyError(parsed.error));
  const { name, slug, description, settings } = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      const project = await tx.project.create({ data: { name, slug, description, ...settings, modelConfig: settings.modelConfig as Prisma.InputJsonObject, createdById: actorId } });
      await recordAuditEvent(tx, { action: 'project.create', actorId, projectId: project.id, targetType: 'project', targetId: project.id, data: { slug } });
      return project;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('conflict', `A project with slug "${slug}" already exists.`);
    throw err;
  }
}
