// Every admin page and route: an annotator gets 403, an anonymous visitor is sent to sign-in (pages) or
// gets 401 (routes). Table-driven, so a new admin route is one line here.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { HttpSession } from '@lae-studio/auth/http-session';
import { json, signedIn } from './admin/sessions.ts';

const baseUrl = inject('baseUrl');
let projectId = '';
let annotator: HttpSession;

beforeAll(async () => {
  const admin = await signedIn(baseUrl, 'admin');
  const res = await admin.fetch('/api/admin/projects');
  projectId = ((await res.json()) as { projects: { id: string }[] }).projects[0]!.id;
  annotator = await signedIn(baseUrl, 'annotator');
});

const pages = () => [
  '/admin',
  '/admin/people',
  '/admin/queues',
  `/admin/projects/${projectId}`,
  `/admin/projects/${projectId}/rounds`,
  `/admin/projects/${projectId}/models`,
  `/admin/projects/${projectId}/data`,
  `/admin/projects/${projectId}/data/someSampleId`,
  `/admin/projects/${projectId}/settings`,
  `/admin/projects/${projectId}/members`,
];

const routes = (): [string, string, unknown?][] => [
  ['GET', '/api/admin/projects'],
  ['POST', '/api/admin/projects', { name: 'x', slug: 'guard-x' }],
  ['GET', `/api/admin/projects/${projectId}`],
  ['PATCH', `/api/admin/projects/${projectId}`, { schedulePaused: true }],
  ['GET', `/api/admin/projects/${projectId}/rounds`],
  ['POST', `/api/admin/projects/${projectId}/rounds`, {}],
  ['POST', `/api/admin/projects/${projectId}/rounds/someRound/cancel`, {}],
  ['POST', `/api/admin/projects/${projectId}/rounds/someRound/oracle`, {}],
  ['POST', `/api/admin/projects/${projectId}/data`, { kind: 'generate', preset: 'face-swap', size: 32, counts: { train: 1, val: 0, test: 0 } }],
  ['GET', `/api/admin/projects/${projectId}/data/jobs/someJob`],
  ['POST', `/api/admin/projects/${projectId}/models/someModel/promote`, {}],
  ['GET', `/api/admin/projects/${projectId}/models/someModel/artifact`],
  ['GET', `/api/admin/projects/${projectId}/exports`],
  ['POST', `/api/admin/projects/${projectId}/exports`, { format: 'coco' }],
  ['GET', `/api/admin/projects/${projectId}/exports/someExport/download`],
  ['GET', `/api/admin/projects/${projectId}/members`],
  ['POST', `/api/admin/projects/${projectId}/members`, { email: 'annotator@test.lae' }],
  ['DELETE', `/api/admin/projects/${projectId}/members/someUser`],
  ['GET', '/api/admin/users'],
  ['POST', '/api/admin/users', { email: 'guard@test.lae', role: 'admin' }],
  ['PATCH', '/api/admin/users/someUser', { role: 'admin' }],
  ['GET', '/api/admin/queues'],
  ['POST', '/api/admin/queues/data/jobs/someJob/retry', {}],
];

describe('admin pages', () => {
  it('send an anonymous visitor to sign-in and refuse an annotator with 403', async () => {
    for (const path of pages()) {
      const anon = await new HttpSession(baseUrl).fetch(path);
      expect([307, 308], path).toContain(anon.status);
      expect(anon.headers.get('location'), path).toContain('/signin?callbackUrl=');
      const res = await annotator.fetch(path);
      expect(res.status, path).toBe(403);
    }
  });
});

describe('admin pages for an admin', () => {
  it('render (200), and an unknown sample or project is a 404', async () => {
    const admin = await signedIn(baseUrl, 'admin');
    for (const path of pages().filter((p) => !p.includes('someSampleId'))) {
      const res = await admin.fetch(path);
      expect(res.status, path).toBe(200);
    }
    expect((await admin.fetch(`/admin/projects/${projectId}/data/someSampleId`)).status).toBe(404);
    expect((await admin.fetch('/admin/projects/nope/rounds')).status).toBe(404);
  });
});

describe('admin API routes', () => {
  it('answer 401 to an anonymous caller and 403 to an annotator, changing nothing', async () => {
    for (const [method, path, body] of routes()) {
      const init = { method, ...(body === undefined ? {} : json(body)) };
      const anon = await new HttpSession(baseUrl).fetch(path, init);
      expect(anon.status, `${method} ${path}`).toBe(401);
      const res = await annotator.fetch(path, init);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(((await res.json()) as { error: string }).error).toBe('forbidden');
    }
  });
});
