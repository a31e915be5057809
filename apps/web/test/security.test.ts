// Every API route, discovered from the file system (a new route is covered without touching this file):
// an authorization matrix over anonymous / annotator / reviewer / admin, JSON-only mutations (CSRF), and
// fuzzed bodies and ids that must never produce a 5xx or a hang.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { HttpSession } from '@lae-studio/auth/http-session';
import { PASSWORD, USERS } from './users.ts';

const baseUrl = inject('baseUrl');
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/app/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Role = 'annotator' | 'reviewer' | 'admin';

interface Route {
  file: string;
  pattern: string;
  methods: Method[];
  /** Minimum role, from the route's place in the tree; null = public. */
  role: Role | null;
}

function discover(dir: string, segments: string[] = []): Route[] {
  const out: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...discover(path.join(dir, entry.name), [...segments, entry.name]));
    else if (entry.name === 'route.ts') {
      const src = readFileSync(path.join(dir, entry.name), 'utf8');
      const methods = METHODS.filter((m) => new RegExp(`export (async )?function ${m}\\b|as ${m}\\b|export const ${m}\\b`).test(src));
      const pattern = '/api/' + segments.join('/');
      const role: Role | null = pattern === '/api/health' ? null : pattern.startsWith('/api/admin') ? 'admin' : pattern.startsWith('/api/review') ? 'reviewer' : 'annotator';
      out.push({ file: path.join(dir, entry.name), pattern, methods, role });
    }
  }
  return out;
}

const routes = discover(apiDir).filter((r) => !r.pattern.startsWith('/api/auth'));
const FAKE_ID = 'cl00000000000000000000000';
const url = (r: Route, id = FAKE_ID) => r.pattern.replace(/\[[^\]]+\]/g, (seg) => (seg === '[queue]' ? 'train' : id));

const sessions: Partial<Record<Role, HttpSession>> = {};
beforeAll(async () => {
  for (const role of ['annotator', 'reviewer', 'admin'] as const) {
    const s = new HttpSession(baseUrl);
    const err = await s.signIn(USERS[role].email, PASSWORD, `198.18.0.${role.length}`);
    if (err) throw new Error(`sign-in as ${role} failed: ${err}`);
    sessions[role] = s;
  }
});

async function call(s: HttpSession | null, method: Method, target: string, body?: string, contentType = 'application/json') {
  const init: RequestInit = { method, signal: AbortSignal.timeout(10_000) };
  if (body !== undefined && method !== 'GET') init.headers = { 'content-type': contentType };
  if (body !== undefined && method !== 'GET') init.body = body;
  const res = s ? await s.fetch(target, init) : await fetch(baseUrl + target, { ...init, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, text };
}

const rank: Record<Role, number> = { annotator: 0, reviewer: 1, admin: 2 };

describe('authorization matrix', () => {
  it('discovers the API routes', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(routes.every((r) => r.methods.length > 0)).toBe(true);
  });

  for (const r of routes) {
    for (const method of r.methods) {
      it(`${method} ${r.pattern}`, async () => {
        const body = method === 'GET' ? undefined : '{}';
        const anon = await call(null, method, url(r), body);
        if (r.role === null) expect(anon.status).toBeLessThan(500);
        else expect(anon.status, `anonymous ${method} ${url(r)}`).toBe(401);
        for (const role of ['annotator', 'reviewer', 'admin'] as const) {
          const res = await call(sessions[role]!, method, url(r), body);
          if (r.role && rank[role] < rank[r.role]) expect(res.status, `${role} ${method} ${url(r)}`).toBe(403);
          else expect(res.status, `${role} ${method} ${url(r)}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
          expect(res.text).not.toMatch(/\$argon2|passwordHash/);
        }
      });
    }
  }
});

describe('CSRF: mutations take JSON only', () => {
  for (const r of routes) {
    for (const method of r.methods.filter((m) => m !== 'GET')) {
      it(`${method} ${r.pattern} refuses a form post`, async () => {
        const res = await call(sessions.admin!, method, url(r), 'a=1&b=2', 'application/x-www-form-urlencoded');
        expect(res.status, res.text.slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      });
    }
  }
});

// Bodies a confused or hostile client might send: any JSON, wrong types, deep nesting, huge strings.
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom('projectId', 'leaseToken', 'clientId', 'mask', 'revision', 'name', 'slug', 'settings', 'role', 'email', 'decision', 'comment', 'path', 'preset', 'counts', 'disabled', 'skipReason'), fc.anything({ maxDepth: 3 })).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"mask":{"size":[100000,100000],"counts":"' + 'a'.repeat(5000) + '"}}'),
  fc.constant('['.repeat(5000)),
);
const hostileId = fc.oneof(fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(500), "1' OR '1'='1", '-1', '%E2%80%AE'), fc.stringMatching(/^[A-Za-z0-9%._~-]{1,40}$/));

describe('fuzzing: never a 5xx, a crash or a hang', () => {
  for (const r of routes) {
    for (const method of r.methods) {
      it(`${method} ${r.pattern}`, async () => {
        await fc.assert(
          fc.asyncProperty(hostileJson, hostileId, async (body, id) => {
            const res = await call(sessions.admin!, method, url(r, id), method === 'GET' ? undefined : body);
            return res.status < 500;
          }),
          { numRuns: 12, seed: 42 },
        );
      }, 60_000);
    }
  }

  it('the server is still healthy afterwards', async () => {
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });
});

describe('sessions and headers', () => {
  it('refuses an expired session token', async () => {
    const token = await encode({ token: { sub: 'someone', role: 'admin', email: USERS.admin.email }, secret: 'test-secret-test-secret-test-secret-0123', maxAge: -60 });
    const res = await fetch(`${baseUrl}/api/me`, { headers: { cookie: `next-auth.session-token=${token}` } });
    expect(res.status).toBe(401);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await encode({ token: { sub: 'someone', role: 'admin' }, secret: 'not-the-secret-not-the-secret-not-the-1', maxAge: 3600 });
    const res = await fetch(`${baseUrl}/api/admin/projects`, { headers: { cookie: `next-auth.session-token=${token}` } });
    expect(res.status).toBe(401);
  });

  it('sends security headers on pages', async () => {
    const res = await fetch(`${baseUrl}/signin`);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
