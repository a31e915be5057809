import { z } from 'zod';
import type { Db } from '../client.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import type { Prisma, Project } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { createProjectSchema, type CreateProjectInput } from './project-settings.ts';

export async function createProject(db: Db, input: CreateProjectInput, actorId: string | null = null): Promise<Project> {
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
