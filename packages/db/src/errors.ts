/** Domain errors the apps map to HTTP statuses / CLI messages. */
export class DomainError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Prisma's unique-constraint violation, recognised without importing runtime classes. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
