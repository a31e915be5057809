import type { Db } from '../client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { normalizeEmail } from './normalize-email.ts';

export type EnsureAdminResult = { status: 'exists'; email: string } | { status: 'created'; email: string };

/**
 * Make sure at least one admin exists. Idempotent and race-free (advisory lock): concurrent first starts
 * create one admin, not two. Returns whether it created one, so the caller can print a generated password once.
 */
export async function ensureAdmin(db: Db, opts: { email: string; passwordHash: () => Promise<string> }): Promise<EnsureAdminResult> {
  const email = normalizeEmail(opts.email);
  const hash = await opts.passwordHash();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lae-studio:ensure-admin'))`;
    const existing = await tx.user.findFirst({ where: { role: 'admin', disabled: false }, orderBy: { createdAt: 'asc' } });
    if (existing) return { status: 'exists', email: existing.email } as const;
    const created = await tx.user.upsert({
      where: { email },
      create: { email, passwordHash: hash, role: 'admin', name: 'Administrator' },
      update: { role: 'admin', disabled: false, passwordHash: hash },
    });
    await recordAuditEvent(tx, { action: 'user.bootstrap-admin', targetType: 'user', targetId: created.id, data: { email } });
    return { status: 'created', email } as const;
  });
}
