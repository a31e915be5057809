import type { Db } from '../client.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import type { Role, User } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { normalizeEmail } from './normalize-email.ts';

export interface CreateUserOptions {
  email: string;
  /** Already hashed (packages/auth): the database layer never sees a password. */
  passwordHash: string;
  role: Role;
  name?: string;
  actorId?: string | null;
}

export type PublicUser = Omit<User, 'passwordHash'>;

export function toPublicUser({ passwordHash: _omit, ...user }: User): PublicUser {
  return user;
}

export async function createUser(db: Db, opts: CreateUserOptions): Promise<PublicUser> {
  const email = normalizeEmail(opts.email);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email, passwordHash: opts.passwordHash, role: opts.role, name: opts.name ?? null } });
      await recordAuditEvent(tx, { action: 'user.create', actorId: opts.actorId ?? null, targetType: 'user', targetId: created.id, data: { email, role: opts.role } });
      return created;
    });
    return toPublicUser(user);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError('conflict', `A user with email ${email} already exists.`);
    throw err;
  }
}
