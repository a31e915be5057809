import type { Db } from '../client.ts';
import { toPublicUser, type PublicUser } from './create-user.ts';

export async function getUser(db: Db, opts: { userId: string }): Promise<PublicUser | null> {
  const user = await db.user.findUnique({ where: { id: opts.userId } });
  return user ? toPublicUser(user) : null;
}
