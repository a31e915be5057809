import type { Db } from '../client.ts';

/** The ids of the users with these emails (absent: no such user here). */
export async function findUserIdsByEmail(db: Db, opts: { emails: string[] }): Promise<Map<string, string>> {
  const users = await db.user.findMany({ where: { email: { in: opts.emails } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.email, u.id]));
}
