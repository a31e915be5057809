import { randomBytes } from 'node:crypto';

// A lease token is `<lease start, ms since epoch, base 36>.<random>`: fresh on every lease, so a submit
// carrying an older one is recognisably stale, and it also records when the lease began (the "my work"
// page measures lease → submit from it without another column).

export function newLeaseToken(now = new Date()): string {
  return `${now.getTime().toString(36)}.${randomBytes(12).toString('base64url')}`;
}

/** When the lease carrying this token began; null for a token not made by newLeaseToken. */
export function leaseStartOf(token: string | null | undefined): Date | null {
  const head = token?.split('.')[0];
  if (!head) return null;
  const ms = Number.parseInt(head, 36);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms) : null;
}
