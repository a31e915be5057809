import type { Db } from '../client.ts';
import { toPublicUser, type PublicUser } from './create-user.ts';

export async function getUser(db: Db, id: string): Promise<PublicUser | null> {
  const user = await db.user.findUnique({ where: { id } });
  return user ? toPublicUser(user) : null;
}
