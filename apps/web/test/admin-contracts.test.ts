// The admin API contracts: what each route handler answers parses with its contract's response schema (the
// schema its client parses with), and a body its request schema refuses is refused by the handler with the
// very message the client shows.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import type { HttpSession } from '@lae-studio/auth/http-session';
import type { Contract } from '../src/contracts/define-contract';
import * as projects from '../src/contracts/projects';
import * as rounds from '../src/contracts/rounds';
import * as users from '../src/contracts/users';
import * as queues from '../src/contracts/queues';
import * as members from '../src/contracts/members';
import { fieldErrors } from '../src/contracts/field-errors';
import { json, signedIn } from './admin/sessions.ts';
import { createDb } from '@lae-studio/db';

const baseUrl = inject('baseUrl');
let admin: HttpSession;
beforeAll(async () => {
  admin = await signedIn(baseUrl, 'admin');
});

/** Call a route as its client does and parse the answer with the contract; fails with the schema's complaint. */
async function call<C extends Contract>(contract: C, url: string, body?: z.input<C['request']>, status = 200): Promise<z.output<C['response']>> {
  const res = await admin.fetch(url, contract.method === 'GET' ? {} : { method: contract.method, ...json(body ?? {}) });
  expect(res.status, url).toBe(status);
  const parsed = contract.response.safeParse(await res.json());
  if (!parsed.success) throw new Error(`${contract.method} ${url}: ${z.prettifyError(parsed.error)}`);
  return parsed.data as z.output<C['response']>;
}

describe('admin API contracts', () => {
  let projectId = '';
  it('projects: create, list, read and edit answer what their contracts say', async () => {
    const created = await call(projects.createProject, '/api/admin/projects', { name: 'Contract project', slug: 'contract-project', settings: { imageSize: 64 } }, 201);
    projectId = created.project.id;
    expect(created.project).toMatchObject({ slug: 'contract-project', imageSize: 64 });
    expect(created.project.createdAt).toBeInstanceOf(Date);
    expect((await call(projects.listProjects, '/api/admin/projects')).projects.map((p) => p.id)).toContain(projectId);
    const read = await call(projects.getProject, `/api/admin/projects/${projectId}`);
    expect(read.overview.samples.total).toBe(0);
    expect((await call(projects.updateProject, `/api/admin/projects/${projectId}`, { schedulePaused: true })).project.schedulePaused).toBe(true);
  });

  it('rounds, people and queues answer what their contracts say', async () => {
    expect((await call(rounds.listRounds, `/api/admin/projects/${projectId}/rounds`)).rounds).toEqual([]);
    // A round needs a training fake to select (without one the trigger answers 409 and says so).
    const db = createDb(inject('databaseUrl'), 1);
    await db.sample.create({ data: { projectId, storageKey: 'contract-sample', width: 64, height: 64, contentHash: 'contract-sample', label: 'fake', split: 'train' } });
    await db.$disconnect();
    const { jobId } = await call(rounds.triggerRound, `/api/admin/projects/${projectId}/rounds`, {}, 202);
    expect(jobId).toBe(`round.open.${projectId}.none.manual`);
    // A second click against the same state is the same job (named by the project's latest round).
    expect((await call(rounds.triggerRound, `/api/admin/projects/${projectId}/rounds`, {}, 202)).jobId).toBe(jobId);
    const people = (await call(users.listPeople, '/api/admin/users')).people;
    expect(people.length).toBeGreaterThan(0);
    expect(people[0]!.createdAt).toBeInstanceOf(Date);
    expect((await call(queues.queueStats, '/api/admin/queues')).queues.map((q) => q.name)).toContain('maintenance');
  });

  it('members: a new project is members-only; add (idempotent), list, remove answer their contracts', async () => {
    const before = await call(members.listMembers, `/api/admin/projects/${projectId}/members`);
    expect(before).toEqual({ members: [], openToAllAnnotators: false });
    const added = await call(members.addMember, `/api/admin/projects/${projectId}/members`, { email: 'Annotator@Test.lae' }, 201);
    expect(added).toMatchObject({ added: true, member: { email: 'annotator@test.lae', role: 'annotator' } });
    expect((await call(members.addMember, `/api/admin/projects/${projectId}/members`, { email: 'annotator@test.lae' })).added).toBe(false);
    const listed = await call(members.listMembers, `/api/admin/projects/${projectId}/members`);
    expect(listed.members.map((m) => m.email)).toEqual(['annotator@test.lae']);
    expect(listed.members[0]!.addedAt).toBeInstanceOf(Date);
    const unknown = await admin.fetch(`/api/admin/projects/${projectId}/members`, { method: 'POST', ...json({ email: 'nobody@test.lae' }) });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { message: string }).message).toContain('People page');
    expect((await call(members.removeMember, `/api/admin/projects/${projectId}/members/${added.member.userId}`)).removed).toBe(true);
    expect((await call(members.removeMember, `/api/admin/projects/${projectId}/members/${added.member.userId}`)).removed).toBe(false);
    expect((await call(projects.updateProject, `/api/admin/projects/${projectId}`, { openToAllAnnotators: true })).project).toMatchObject({ openToAllAnnotators: true });
  });

  it('refuses what the request schema refuses, with the message the client would show', async () => {
    const bad = { name: 'x', slug: 'Bad Slug' };
    const client = projects.createProject.request.safeParse(bad);
    expect(client.success).toBe(false);
    const res = await admin.fetch('/api/admin/projects', { method: 'POST', ...json(bad) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe(fieldErrors(client.error!.issues).message);
  });
});
