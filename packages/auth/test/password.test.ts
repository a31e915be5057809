import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, hasRole, passwordSchema, verifyAgainstNothing, verifyPassword } from '../src/index.ts';

describe('passwords', () => {
  it('hashes with argon2id, verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery ')).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash); // salted
  });

  it('treats a malformed stored hash as a failed verification, not a crash', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
    expect(await verifyAgainstNothing('whatever')).toBe(false);
  });

  it('generates passwords that satisfy the password policy', () => {
    const pw = generatePassword();
    expect(passwordSchema.safeParse(pw).success).toBe(true);
    expect(passwordSchema.safeParse('short').success).toBe(false);
    expect(generatePassword()).not.toBe(pw);
  });
});

describe('roles', () => {
  it('orders annotator < reviewer < admin', () => {
    expect(hasRole('admin', 'annotator')).toBe(true);
    expect(hasRole('reviewer', 'annotator')).toBe(true);
    expect(hasRole('annotator', 'reviewer')).toBe(false);
    expect(hasRole('reviewer', 'admin')).toBe(false);
    expect(hasRole('admin', 'admin')).toBe(true);
  });
});
