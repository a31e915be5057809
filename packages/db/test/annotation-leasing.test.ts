import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.ts';
import { expireStaleLeases, leaseNextTask, leaseStartOf, leaseTask, listWorkableProjects, openTask, releaseTask, renewLease } from '../src/annotation.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { makeProject, makeUser } from './annotation-fixtures.ts';
import { addProjectMember, listProjectMembers, removeProjectMember } from '../src/members/project-members.ts';
import { updateProjectSettings } from '../src/projects/update-project-settings.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('task leasing', () => {
  it('gives 20 concurrent annotators 20 distinct tasks, highest priority first, and nothing to a 21st', async () => {
    const { project, tasks } = await makeProject(t.db, { tasks: 20 });
    const users = await Promise.all(Array.from({ length: 21 }, () => makeUser(t.db)));
    const leases = await Promise.all(users.slice(0, 20).map((actor) => leaseNextTask(t.db, { actor, projectId: project.id })));
    const ids = leases.map((l) => l?.taskId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(20);
    expect(new Set(leases.map((l) => l?.leaseToken)).size).toBe(20);
    expect(await leaseNextTask(t.db, { actor: users[20]!, projectId: project.id })).toBeNull();
    const rows = await t.db.annotationTask.findMany({ where: { projectId: project.id } });
    expect(rows.every((r) => r.status === 'leased' && r.leaseExpiresAt! > new Date())).toBe(true);
    expect(new Set(rows.map((r) => r.leaseHolderId)).size).toBe(20);
    expect(tasks).toHaveLength(20);
  });

  it('leases by priority and resumes the same lease on a second call', async () => {
    const { project, tasks } = await makeProject(t.db, { tasks: 3 });
    const actor = await makeUser(t.db);
    const first = await leaseNextTask(t.db, { actor, projectId: project.id });
    expect(first?.taskId).toBe(tasks[2]!.id);
    const again = await leaseNextTask(t.db, { actor, projectId: project.id });
    expect(again).toMatchObject({ taskId: first!.taskId, leaseToken: first!.leaseToken, resumed: true });
    expect(leaseStartOf(first!.leaseToken)!.getTime()).toBeLessThanOrEqual(Date.now());
    const listed = await listWorkableProjects(t.db, { actor });
    expect(listed.find((p) => p.id === project.id)).toMatchObject({ queued: 2, leasedTaskId: first!.taskId });
  });

  it('renews a lease, releases it back to the queue on close, and marks it skipped with a reason', async () => {
    const { project } = await makeProject(t.db, { tasks: 2 });
    const actor = await makeUser(t.db);
    const a = (await leaseNextTask(t.db, { actor, projectId: project.id }))!;
    const { leaseExpiresAt } = await renewLease(t.db, { actor, taskId: a.taskId, leaseToken: a.leaseToken });
    expect(leaseExpiresAt.getTime()).toBeGreaterThan(Date.now() + 800_000);
    await expect(renewLease(t.db, { actor, taskId: a.taskId, leaseToken: 'old' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await releaseTask(t.db, { actor, taskId: a.taskId, leaseToken: a.leaseToken })).toEqual({ status: 'queued' });
    expect((await t.db.annotationTask.findUniqueOrThrow({ where: { id: a.taskId } })).status).toBe('queued');
    const b = (await leaseNextTask(t.db, { actor, projectId: project.id }))!;
    expect(b.taskId).toBe(a.taskId);
    expect(b.leaseToken).not.toBe(a.leaseToken);
    await releaseTask(t.db, { actor, taskId: b.taskId, leaseToken: b.leaseToken, skipReason: 'image is blank' });
    expect(await t.db.annotationTask.findUniqueOrThrow({ where: { id: b.taskId } })).toMatchObject({ status: 'skipped', skipReason: 'image is blank', leaseHolderId: null });
    await expect(releaseTask(t.db, { actor, taskId: b.taskId, leaseToken: b.leaseToken })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('reclaims expired leases, so another annotator gets the task and the old token is dead', async () => {
    const { project } = await makeProject(t.db, { tasks: 1 });
    const [ann, other] = [await makeUser(t.db), await makeUser(t.db)];
    const a = (await leaseNextTask(t.db, { actor: ann, projectId: project.id }))!;
    expect(await leaseNextTask(t.db, { actor: other, projectId: project.id })).toBeNull();
    await t.db.annotationTask.update({ where: { id: a.taskId }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    const { expired } = await expireStaleLeases(t.db);
    expect(expired).toContain(a.taskId);
    const b = (await leaseNextTask(t.db, { actor: other, projectId: project.id }))!;
    expect(b.taskId).toBe(a.taskId);
    await expect(renewLease(t.db, { actor: ann, taskId: a.taskId, leaseToken: a.leaseToken })).rejects.toBeInstanceOf(DomainError);
    await expect(leaseTask(t.db, { actor: ann, taskId: a.taskId })).rejects.toMatchObject({ code: 'not_found' });
  });

  it("opens the task on a reload even when the old page's release (same token) lands at the same time", async () => {
    const { tasks } = await makeProject(t.db, { tasks: 1 });
    const actor = await makeUser(t.db);
    const taskId = tasks[0]!.id;
    // A reload: the new page opens while the old page's keepalive release of the same lease is in flight, the
    // release sent a little later each time so that it falls between every pair of the open's statements.
    for (let i = 0; i < 40; i++) {
      const { leaseToken } = await leaseTask(t.db, { actor, taskId });
      const release = new Promise((r) => setTimeout(r, (i % 8) * 0.5)).then(() => releaseTask(t.db, { actor, taskId, leaseToken }).catch(() => null));
      const [opened] = await Promise.all([openTask(t.db, { actor, taskId }), release]);
      expect(opened).toMatchObject({ id: taskId });
    }
  });

  it('lets the holder reopen a lease that ran out but was not yet reclaimed, keeping its token', async () => {
    const { project } = await makeProject(t.db, { tasks: 1 });
    const actor = await makeUser(t.db);
    const a = (await leaseNextTask(t.db, { actor, projectId: project.id }))!;
    await t.db.annotationTask.update({ where: { id: a.taskId }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect(await leaseTask(t.db, { actor, taskId: a.taskId })).toEqual({ taskId: a.taskId, leaseToken: a.leaseToken });
  });

  it('offers a task returned to its author only to that author, before anything else', async () => {
    const { project, tasks } = await makeProject(t.db, { tasks: 2 });
    const [author, other] = [await makeUser(t.db), await makeUser(t.db)];
    await t.db.annotationTask.update({ where: { id: tasks[0]!.id }, data: { assigneeId: author.id } });
    const o = await leaseNextTask(t.db, { actor: other, projectId: project.id });
    expect(o?.taskId).toBe(tasks[1]!.id);
    await releaseTask(t.db, { actor: other, taskId: o!.taskId, leaseToken: o!.leaseToken });
    await expect(leaseTask(t.db, { actor: other, taskId: tasks[0]!.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await leaseNextTask(t.db, { actor: author, projectId: project.id }))?.taskId).toBe(tasks[0]!.id);
  });

  it('keeps non-members out of a members-only project (the default), but lets members and admins in', async () => {
    const { project } = await makeProject(t.db, { tasks: 2, open: false });
    const [member, outsider, admin] = [await makeUser(t.db), await makeUser(t.db, 'reviewer'), await makeUser(t.db, 'admin')];
    // Closed before anyone is added: a project without members is not open to everyone.
    await expect(leaseNextTask(t.db, { actor: member, projectId: project.id })).rejects.toMatchObject({ code: 'not_found' });
    await addProjectMember(t.db, { projectId: project.id, email: (await t.db.user.findUniqueOrThrow({ where: { id: member.id } })).email.toUpperCase(), actorId: admin.id });
    await expect(leaseNextTask(t.db, { actor: outsider, projectId: project.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await listWorkableProjects(t.db, { actor: outsider })).map((p) => p.id)).not.toContain(project.id);
    expect(await leaseNextTask(t.db, { actor: member, projectId: project.id })).not.toBeNull();
    expect(await leaseNextTask(t.db, { actor: admin, projectId: project.id })).not.toBeNull();
    // Removed, the member is out again; adding twice and removing twice change nothing more.
    expect((await addProjectMember(t.db, { projectId: project.id, email: (await t.db.user.findUniqueOrThrow({ where: { id: member.id } })).email, actorId: admin.id })).added).toBe(false);
    expect((await removeProjectMember(t.db, { projectId: project.id, userId: member.id, actorId: admin.id })).removed).toBe(true);
    expect((await removeProjectMember(t.db, { projectId: project.id, userId: member.id, actorId: admin.id })).removed).toBe(false);
    expect((await listWorkableProjects(t.db, { actor: member })).map((p) => p.id)).not.toContain(project.id);
    expect(await listProjectMembers(t.db, { projectId: project.id })).toEqual([]);
    expect(await t.db.auditEvent.count({ where: { projectId: project.id, action: { startsWith: 'project.member.' } } })).toBe(2);
  });

  it('opens a project to every annotator and reviewer with its switch', async () => {
    const { project } = await makeProject(t.db, { tasks: 1, open: false });
    const reviewer = await makeUser(t.db, 'reviewer');
    expect((await listWorkableProjects(t.db, { actor: reviewer })).map((p) => p.id)).not.toContain(project.id);
    await updateProjectSettings(t.db, { projectId: project.id, changes: { openToAllAnnotators: true }, actorId: null });
    expect((await listWorkableProjects(t.db, { actor: reviewer })).map((p) => p.id)).toContain(project.id);
    expect(await leaseNextTask(t.db, { actor: reviewer, projectId: project.id })).not.toBeNull();
  });

  it('refuses to add an email no account has, saying where to create it', async () => {
    const { project } = await makeProject(t.db, { tasks: 0, open: false });
    await expect(addProjectMember(t.db, { projectId: project.id, email: 'nobody@test.lae', actorId: null })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('People page') });
  });
});
