import 'server-only';
import type { Actor } from '@lae-studio/db';
import type { SessionUser } from '@/server/session';

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, role: user.role };
}

/** Route segment ids are cuids; anything else is answered 404 without touching the database. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
