import type { Role } from '../generated/prisma/enums.ts';

/** Who is acting: the session user as the apps know it. */
export interface Actor {
  id: string;
  role: Role;
}
