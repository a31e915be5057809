import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, DomainError, ensureAdmin, ensureDemoProject, findUserForSignIn } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('users', () => {
  it('stores emails lower-cased, never returns the hash, and refuses duplicates with a domain error', async () => {
    const user = await createUser(t.db, { email: '  Ann@Example.ORG ', passwordHash: 'h1', role: 'annotator' });
    expect(user.email).toBe('ann@example.org');
    expect(user).not.toHaveProperty('passwordHash');
    expect((await findUserForSignIn(t.db, { email: 'ANN@example.org' }))?.id).toBe(user.id);
    const dup = createUser(t.db, { email: 'ann@example.org', passwordHash: 'h2', role: 'admin' });
    await expect(dup).rejects.toBeInstanceOf(DomainError);
    await expect(dup).rejects.toMatchObject({ code: 'conflict' });
    expect(await t.db.auditEvent.count({ where: { action: 'user.create', targetId: user.id } })).toBe(1);
  });

  it('ensureAdmin creates exactly one admin under concurrent first starts, then leaves it alone', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => ensureAdmin(t.db, { email: `admin${i}@lae.local`, passwordHash: async () => `hash${i}` })),
    );
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(await t.db.user.count({ where: { role: 'admin' } })).toBe(1);
    const again = await ensureAdmin(t.db, { email: 'other@lae.local', passwordHash: async () => 'x' });
    expect(again.status).toBe('exists');
  });

  it('seeds the demo project once', async () => {
    const a = await ensureDemoProject(t.db);
    const b = await ensureDemoProject(t.db);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.project.id).toBe(a.project.id);
    expect(a.project.totalBudgetFraction).toBeCloseTo(0.03);
  });
});
