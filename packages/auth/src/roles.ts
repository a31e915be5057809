export const ROLES = ['annotator', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { annotator: 0, reviewer: 1, admin: 2 };

/** Roles are ordered: an admin may do what a reviewer may, a reviewer what an annotator may. */
export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
