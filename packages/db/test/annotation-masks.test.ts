import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireStaleLeases, getAnnotatorStats, getDraft, getReworkBase, leaseNextTask, listReviewQueue, listReviewQueueIds, reviewMask, saveDraft, submitMask } from '../src/annotation.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { encoded, makeProject, makeUser } from './annotation-fixtures.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

async function leased(tasks = 1) {
  const { project } = await makeProject(t.db, { tasks });
  const actor = await makeUser(t.db);
  const lease = (await leaseNextTask(t.db, { actor, projectId: project.id }))!;
  return { project, actor, lease };
}

describe('drafts', () => {
  it('keeps the newest revision whatever order autosaves arrive in, and only for their owner', async () => {
    const { actor, lease } = await leased();
    const save = (revision: number) => saveDraft(t.db, { actor, taskId: lease.taskId, revision, mask: encoded(8, 4, revision) });
    expect(await save(2)).toEqual({ revision: 2 });
    await expect(save(1)).rejects.toMatchObject({ code: 'conflict' });
    expect(await save(2)).toEqual({ revision: 2 }); // a retry of the same revision is fine
    // The same number with other pixels (a second tab) is not a retry.
    await expect(saveDraft(t.db, { actor, taskId: lease.taskId, revision: 2, mask: encoded(8, 4, 99) })).rejects.toMatchObject({ code: 'conflict' });
    const results = await Promise.allSettled([5, 3, 4, 6].map(save));
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const draft = await getDraft(t.db, { actor, taskId: lease.taskId });
    expect(draft?.revision).toBe(6);
    expect(new TextDecoder().decode(draft!.data)).toBe('fake-rle-6');
    const other = await makeUser(t.db);
    expect(await getDraft(t.db, { actor: other, taskId: lease.taskId })).toBeNull();
    await expect(saveDraft(t.db, { actor: other, taskId: lease.taskId, revision: 9, mask: encoded() })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a draft whose size differs from the image', async () => {
    const { actor, lease } = await leased();
    await expect(saveDraft(t.db, { actor, taskId: lease.taskId, revision: 1, mask: encoded(4, 8) })).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('submitting masks', () => {
  it('is idempotent on the client id: the same submit twice (even concurrently) stores one mask', async () => {
    const { actor, lease } = await leased();
    const clientId = randomUUID();
    const submit = () => submitMask(t.db, { actor, taskId: lease.taskId, leaseToken: lease.leaseToken, clientId, noForgery: false, mask: encoded() });
    await saveDraft(t.db, { actor, taskId: lease.taskId, revision: 1, mask: encoded() });
    const [a, b] = await Promise.all([submit(), submit()]);
    expect(a.mask.id).toBe(b.mask.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await submit();
    expect(again).toMatchObject({ created: false, mask: { id: a.mask.id, version: 1 } });
    expect(await t.db.mask.count({ where: { taskId: lease.taskId } })).toBe(1);
    expect(await t.db.annotationTask.findUniqueOrThrow({ where: { id: lease.taskId } })).toMatchObject({ status: 'submitted', leaseHolderId: actor.id });
    expect(await getDraft(t.db, { actor, taskId: lease.taskId })).toBeNull();
  });

  it('refuses a stale submit after the lease expired and moved to someone else, keeping their work', async () => {
    const { project, actor, lease } = await leased();
    await t.db.annotationTask.update({ where: { id: lease.taskId }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
    await expireStaleLeases(t.db);
    const other = await makeUser(t.db);
    const newer = (await leaseNextTask(t.db, { actor: other, projectId: project.id }))!;
    const mine = await submitMask(t.db, { actor: other, taskId: newer.taskId, leaseToken: newer.leaseToken, clientId: randomUUID(), noForgery: false, mask: encoded() });
    const stale = submitMask(t.db, { actor, taskId: lease.taskId, leaseToken: lease.leaseToken, clientId: randomUUID(), noForgery: false, mask: encoded(8, 4, 7) });
    await expect(stale).rejects.toMatchObject({ code: 'conflict' });
    const masks = await t.db.mask.findMany({ where: { taskId: lease.taskId } });
    expect(masks.map((m) => m.id)).toEqual([mine.mask.id]);
  });

  it('refuses a wrong-size mask, and a "no visible forgery" mask that is not empty', async () => {
    const { actor, lease } = await leased();
    const base = { actor, taskId: lease.taskId, leaseToken: lease.leaseToken, clientId: randomUUID() };
    await expect(submitMask(t.db, { ...base, noForgery: false, mask: encoded(16, 4) })).rejects.toMatchObject({ code: 'invalid' });
    await expect(submitMask(t.db, { ...base, noForgery: true, mask: encoded(8, 4, 2) })).rejects.toMatchObject({ code: 'invalid' });
    const ok = await submitMask(t.db, { ...base, noForgery: true, mask: encoded(8, 4, 0) });
    expect(ok.mask).toMatchObject({ noForgery: true, area: 0, source: 'human', encoding: 'rle' });
  });

  it('numbers versions per sample, retrying when a version is taken concurrently', async () => {
    const { actor, lease } = await leased();
    const task = await t.db.annotationTask.findUniqueOrThrow({ where: { id: lease.taskId } });
    await t.db.mask.create({ data: { sampleId: task.sampleId, version: 1, source: 'import', encoding: 'rle', data: Buffer.from('x'), width: 8, height: 4, area: 0, reference: true } });
    const done = await submitMask(t.db, { actor, taskId: lease.taskId, leaseToken: lease.leaseToken, clientId: randomUUID(), noForgery: false, mask: encoded() });
    expect(done.mask.version).toBe(2);
  });
});

describe('versions under concurrency', () => {
  it('gives concurrent submits on one sample (tasks of different rounds) distinct consecutive versions', async () => {
    const { project, round, tasks } = await makeProject(t.db, { tasks: 1 });
    const sampleId = tasks[0]!.sampleId;
    const extra = [];
    for (let n = 2; n <= 6; n++) {
      const r = await t.db.round.create({ data: { projectId: project.id, number: n, strategy: 'margin', budget: 1 } });
      extra.push(await t.db.annotationTask.create({ data: { projectId: project.id, roundId: r.id, sampleId } }));
    }
    expect(round.number).toBe(1);
    const users = await Promise.all(Array.from({ length: 6 }, () => makeUser(t.db)));
    const leases = [];
    for (const actor of users) leases.push({ actor, lease: (await leaseNextTask(t.db, { actor, projectId: project.id }))! });
    const results = await Promise.all(
      leases.map(({ actor, lease }) => submitMask(t.db, { actor, taskId: lease.taskId, leaseToken: lease.leaseToken, clientId: randomUUID(), noForgery: false, mask: encoded() })),
    );
    expect(results.map((r) => r.mask.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('review', () => {
  it('accepts one mask, rejects another back to its author, audits both, and counts them in the stats', async () => {
    const { project } = await makeProject(t.db, { tasks: 2 });
    const [author, reviewer] = [await makeUser(t.db), await makeUser(t.db, 'reviewer')];
    const masks = [];
    for (let i = 0; i < 2; i++) {
      const l = (await leaseNextTask(t.db, { actor: author, projectId: project.id }))!;
      masks.push((await submitMask(t.db, { actor: author, taskId: l.taskId, leaseToken: l.leaseToken, clientId: randomUUID(), noForgery: false, mask: encoded() })).mask);
    }
    const queue = await listReviewQueue(t.db, { actor: reviewer, projectId: project.id });
    expect(queue.map((q) => q.maskId).sort()).toEqual(masks.map((m) => m.id).sort());
    expect(await listReviewQueue(t.db, { actor: author, projectId: project.id })).toEqual([]); // never their own
    // The id-only query (next / previous in the review API) lists the same masks in the same order.
    expect(await listReviewQueueIds(t.db, { actor: reviewer, projectId: project.id })).toEqual(queue.map((q) => q.maskId));
    expect(await listReviewQueueIds(t.db, { actor: author, projectId: project.id })).toEqual([]);
    await expect(reviewMask(t.db, { actor: author, maskId: masks[0]!.id, decision: 'accept' })).rejects.toMatchObject({ code: 'forbidden' });

    expect(await reviewMask(t.db, { actor: reviewer, maskId: masks[0]!.id, decision: 'accept' })).toEqual({ review: 'accepted', taskStatus: 'accepted' });
    await expect(reviewMask(t.db, { actor: reviewer, maskId: masks[0]!.id, decision: 'reject', comment: 'x' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(reviewMask(t.db, { actor: reviewer, maskId: masks[1]!.id, decision: 'reject' })).rejects.toMatchObject({ code: 'invalid' });
    expect(await reviewMask(t.db, { actor: reviewer, maskId: masks[1]!.id, decision: 'reject', comment: 'misses the jaw' })).toEqual({ review: 'rejected', taskStatus: 'queued' });

    const rejectedTask = await t.db.annotationTask.findUniqueOrThrow({ where: { id: masks[1]!.taskId! } });
    expect(rejectedTask).toMatchObject({ status: 'queued', assigneeId: author.id, leaseHolderId: null });
    const other = await makeUser(t.db);
    expect(await leaseNextTask(t.db, { actor: other, projectId: project.id })).toBeNull();
    expect((await leaseNextTask(t.db, { actor: author, projectId: project.id }))?.taskId).toBe(rejectedTask.id);
    // The author continues from the rejected mask; nobody else sees it as a base.
    expect(new TextDecoder().decode((await getReworkBase(t.db, { actor: author, taskId: rejectedTask.id }))!.data)).toBe('fake-rle-3');
    expect(await getReworkBase(t.db, { actor: reviewer, taskId: rejectedTask.id })).toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: { in: ['mask.accept', 'mask.reject'] }, actorId: reviewer.id } })).toBe(2);

    const stats = await getAnnotatorStats(t.db, { userId: author.id, since: new Date(Date.now() - 3600_000) });
    expect(stats).toMatchObject({ doneSince: 2, accepted: 1, rejected: 1, corrected: 0, pending: 0, acceptanceRate: 0.5 });
    expect(stats.medianSeconds).toBeGreaterThanOrEqual(0);
    // A mask a reviewer had to correct counts as reviewed, not as accepted as drawn.
    await t.db.mask.update({ where: { id: masks[1]!.id }, data: { review: 'corrected' } });
    expect(await getAnnotatorStats(t.db, { userId: author.id, since: new Date(0) })).toMatchObject({ accepted: 1, rejected: 0, corrected: 1, acceptanceRate: 0.5 });
  });
});
