import type { Db } from '../client.ts';
import type { User } from '../generated/prisma/client.ts';
import { normalizeEmail } from './normalize-email.ts';

/** The user row with its hash, for the credentials check only. Disabled users are returned too: the caller refuses them. */
export function findUserForSignIn(db: Db, opts: { email: string }): Promise<User | null> {
  return db.user.findUnique({ where: { email: normalizeEmail(opts.email) } });
}
