import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Prisma, Project } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';

export { updateProjectSchema, type UpdateProjectInput } from './project-settings.ts';

/** Update a project's settings and record what changed (old → new) in the audit trail. */
export async function updateProjectSettings(db: Db, opts: { projectId: string; changes: Record<string, unknown>; actorId: string | null }): Promise<Project> {
  return db.$transaction(async (tx) => {
    const before = await tx.project.findUnique({ where: { id: opts.projectId } });
    if (!before) throw new DomainError('not_found', 'No such project.');
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(opts.changes)) {
      if (v === undefined) continue;
      const old = (before as Record<string, unknown>)[k];
      if (JSON.stringify(old) !== JSON.stringify(v)) changed[k] = { from: old ?? null, to: v };
    }
    if (Object.keys(changed).length === 0) return before;
    const data = Object.fromEntries(Object.entries(changed).map(([k, c]) => [k, c.to])) as Prisma.ProjectUpdateInput;
    const project = await tx.project.update({ where: { id: opts.projectId }, data });
    await recordAuditEvent(tx, { action: 'project.update', actorId: opts.actorId, projectId: project.id, targetType: 'project', targetId: project.id, data: changed as Prisma.InputJsonValue });
    return project;
  });
}
