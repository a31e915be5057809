import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { normalizeEmail } from '../users/normalize-email.ts';

// Who may work on a project besides admins (tasks/project-access.ts reads it). Adding and removing are
// idempotent and audited; removing a member releases nothing they already submitted.

export interface ProjectMemberRow {
  userId: string;
  email: string;
  role: 'admin' | 'reviewer' | 'annotator';
  disabled: boolean;
  addedAt: Date;
}

export async function listProjectMembers(db: Db, opts: { projectId: string }): Promise<ProjectMemberRow[]> {
  const rows = await db.projectMember.findMany({
    where: { projectId: opts.projectId },
    include: { user: { select: { email: true, role: true, disabled: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => ({ userId: r.userId, email: r.user.email, role: r.user.role, disabled: r.user.disabled, addedAt: r.createdAt }));
}

/** Add the user with this email; `added: false` when they already were a member. */
export async function addProjectMember(db: Db, opts: { projectId: string; email: string; actorId: string | null }): Promise<{ member: ProjectMemberRow; added: boolean }> {
  return db.$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: opts.projectId }, select: { id: true } });
    if (!project) throw new DomainError('not_found', 'No such project.');
    const user = await tx.user.findUnique({ where: { email: normalizeEmail(opts.email) }, select: { id: true, email: true, role: true, disabled: true } });
    if (!user) throw new DomainError('not_found', `No account has the email ${normalizeEmail(opts.email)}: create it on the People page first.`);
    const existing = await tx.projectMember.findUnique({ where: { projectId_userId: { projectId: project.id, userId: user.id } } });
    const row = existing ?? (await tx.projectMember.create({ data: { projectId: project.id, userId: user.id } }));
    if (!existing) await recordAuditEvent(tx, { action: 'project.member.add', actorId: opts.actorId, projectId: project.id, targetType: 'user', targetId: user.id, data: { email: user.email } });
    return { member: { userId: user.id, email: user.email, role: user.role, disabled: user.disabled, addedAt: row.createdAt }, added: !existing };
  });
}

/** Remove a member; `removed: false` when they were not one. */
export async function removeProjectMember(db: Db, opts: { projectId: string; userId: string; actorId: string | null }): Promise<{ removed: boolean }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.projectMember.deleteMany({ where: { projectId: opts.projectId, userId: opts.userId } });
    if (count) await recordAuditEvent(tx, { action: 'project.member.remove', actorId: opts.actorId, projectId: opts.projectId, targetType: 'user', targetId: opts.userId });
    return { removed: count > 0 };
  });
}
