import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Role } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';

/**
 * Change a user's role or disable/enable them. Refuses to leave the system without an active admin (an
 * admin demoting or disabling themself, or the last other admin), under a lock so two admins demoting
 * each other at once cannot both succeed.
 */
export async function updatePerson(db: Db, opts: { userId: string; role?: Role; disabled?: boolean; actorId: string }) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lae-studio:admins'))`;
    const user = await tx.user.findUnique({ where: { id: opts.userId } });
    if (!user) throw new DomainError('not_found', 'No such user.');
    const losesAdmin = user.role === 'admin' && !user.disabled && ((opts.role !== undefined && opts.role !== 'admin') || opts.disabled === true);
    if (losesAdmin) {
      const others = await tx.user.count({ where: { role: 'admin', disabled: false, id: { not: user.id } } });
      if (others === 0) throw new DomainError('conflict', 'This is the last active admin: make someone else admin first.');
      if (user.id === opts.actorId) throw new DomainError('forbidden', 'You cannot demote or disable yourself; ask another admin.');
    }
    const data = { ...(opts.role !== undefined ? { role: opts.role } : {}), ...(opts.disabled !== undefined ? { disabled: opts.disabled } : {}) };
    const updated = await tx.user.update({ where: { id: user.id }, data, select: { id: true, email: true, role: true, disabled: true } });
    await recordAuditEvent(tx, {
      action: 'user.update',
      actorId: opts.actorId,
      targetType: 'user',
      targetId: user.id,
      data: { email: user.email, ...(opts.role !== undefined ? { role: { from: user.role, to: opts.role } } : {}), ...(opts.disabled !== undefined ? { disabled: { from: user.disabled, to: opts.disabled } } : {}) },
    });
    return updated;
  });
}
