import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { HttpSession } from '@lae-studio/auth/http-session';
import { PASSWORD, USERS } from './users.ts';

const baseUrl = inject('baseUrl');

describe('sign-in (next-auth credentials, production server, real Postgres and Redis)', () => {
  it('refuses a wrong password and an unknown user, without a session', async () => {
    const s = new HttpSession(baseUrl);
    expect(await s.signIn(USERS.reviewer.email, 'wrong-password-1')).toBe('CredentialsSignin');
    expect(await s.signIn(`nobody-${randomUUID()}@test.lae`, PASSWORD)).toBe('CredentialsSignin');
    expect(s.hasSession()).toBe(false);
    expect((await s.fetch('/api/me')).status).toBe(401);
  });

  it('signs in with the right password and carries the role in the session', async () => {
    const s = new HttpSession(baseUrl);
    expect(await s.signIn(USERS.annotator.email.toUpperCase(), PASSWORD)).toBeNull();
    const me = await s.fetch('/api/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { role: string; email: string } }).user).toMatchObject({ role: 'annotator', email: USERS.annotator.email });
  });

  it('rate-limits repeated failures: after the limit even the right password is refused', async () => {
    const s = new HttpSession(baseUrl);
    // The test server allows 3 failures per account (LAE_SIGNIN_MAX_PER_ACCOUNT=3).
    for (let i = 0; i < 3; i++) expect(await s.signIn(USERS.lockedOut.email, `nope-${i}-aaaaaa`, '198.51.100.9')).toBe('CredentialsSignin');
    const blocked = await s.signIn(USERS.lockedOut.email, PASSWORD, '198.51.100.9');
    expect(blocked).toMatch(/^RateLimited:\d+$/);
    expect(s.hasSession()).toBe(false);
    // Another address does not reset the account's counter.
    expect(await new HttpSession(baseUrl).signIn(USERS.lockedOut.email, PASSWORD, '192.0.2.44')).toMatch(/^RateLimited/);
  });
});

describe('role guards', () => {
  it('gives an annotator 403 on admin routes and pages', async () => {
    const s = new HttpSession(baseUrl);
    expect(await s.signIn(USERS.annotator.email, PASSWORD)).toBeNull();
    const api = await s.fetch('/api/admin/projects');
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ error: 'forbidden' });
    const post = await s.fetch('/api/admin/projects', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', slug: 'xx' }) });
    expect(post.status).toBe(403);
    expect((await s.fetch('/admin')).status).toBe(403);
  });

  it('gives a reviewer 403 on admin routes too', async () => {
    const s = new HttpSession(baseUrl);
    expect(await s.signIn(USERS.reviewer.email, PASSWORD)).toBeNull();
    expect((await s.fetch('/api/admin/projects')).status).toBe(403);
  });

  it('sends an anonymous visitor to sign-in, and answers 401 on the API', async () => {
    const s = new HttpSession(baseUrl);
    const page = await s.fetch('/admin');
    expect([302, 303, 307]).toContain(page.status);
    expect(page.headers.get('location')).toMatch(/\/signin\?callbackUrl=%2Fadmin/);
    expect((await s.fetch('/api/admin/projects')).status).toBe(401);
  });

  it('lets an admin list and create projects, validating input with a clear 400', async () => {
    const s = new HttpSession(baseUrl);
    expect(await s.signIn(USERS.admin.email, PASSWORD)).toBeNull();
    const list = await s.fetch('/api/admin/projects');
    expect(list.status).toBe(200);
    expect(((await list.json()) as { projects: { slug: string }[] }).projects.map((p) => p.slug)).toContain('demo');

    const json = { 'content-type': 'application/json' };
    const slug = `p-${randomUUID().slice(0, 8)}`;
    const created = await s.fetch('/api/admin/projects', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Face swap', slug, settings: { imageSize: 64 } }) });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { project: { imageSize: number } }).project.imageSize).toBe(64);
    const dup = await s.fetch('/api/admin/projects', { method: 'POST', headers: json, body: JSON.stringify({ name: 'Again', slug }) });
    expect(dup.status).toBe(409);
    const bad = await s.fetch('/api/admin/projects', { method: 'POST', headers: json, body: JSON.stringify({ name: '', slug: 'Bad Slug!', settings: { imageSize: 100 } }) });
    expect(bad.status).toBe(400);
    // Plain sentences per field (contracts/field-errors.ts), never raw validator text.
    const badMessage = ((await bad.json()) as { message: string }).message;
    expect(badMessage).toMatch(/Name must not be empty/);
    expect(badMessage).toMatch(/Slug may contain only lower-case letters/);
    expect(badMessage).not.toMatch(/✖|→ at/);
    expect((await s.fetch('/api/admin/projects', { method: 'POST', headers: json, body: '{not json' })).status).toBe(400);
    expect((await s.fetch('/api/admin/projects', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
  });
});
