import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** Passwords users choose: long enough to matter, short enough to bound hashing cost. */
export const passwordSchema = z.string().min(10, 'Passwords need at least 10 characters').max(256);

/** argon2id with the library's defaults (OWASP's minimum profile: m=19 MiB, t=2, p=1). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Constant-time verification; a malformed stored hash verifies as false rather than throwing. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the user does not exist, so that response time does not reveal it.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
