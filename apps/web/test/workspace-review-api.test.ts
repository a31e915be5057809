// Submission numbers, "no visible forgery", reviewer corrections, the final draft on release, undo history
// in the draft, "My work", and closing a round's annotation — over HTTP against the production server and
// real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HttpSession } from '@lae-studio/auth/http-session';
import { listMyTasks, transitionRound } from '@lae-studio/db';
import { PASSWORD, USERS } from './users.ts';
import { closeFixtures, createAnnotator, fixtureDb, rleOf, seedProject, userId } from './workspace/fixtures.ts';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const storageDir = inject('storageDir');
const json = { 'content-type': 'application/json' };
const post = (s: HttpSession, path: string, body: unknown, method = 'POST') => s.fetch(path, { method, headers: json, body: JSON.stringify(body) });

async function session(email: string) {
  const s = new HttpSession(baseUrl);
  expect(await s.signIn(email, PASSWORD)).toBeNull();
  return s;
}
type Task = { id: string; leaseToken: string };
async function next(s: HttpSession, projectId: string): Promise<Task> {
  return ((await (await post(s, '/api/tasks/next', { projectId })).json()) as { task: Task }).task;
}

let annotator: { id: string; email: string };
let author: HttpSession;
let reviewer: HttpSession;
beforeAll(async () => {
  annotator = await createAnnotator(databaseUrl, 'reviewed-api');
  author = await session(annotator.email);
  reviewer = await session(USERS.reviewer.email);
});
afterAll(closeFixtures);

describe('submissions and review', () => {
  it('numbers submissions per author (a reference mask takes no number) and stores an empty mask as "no visible forgery"', async () => {
    const reviewerId = await userId(databaseUrl, USERS.reviewer.email);
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[32, 32], [32, 32]], members: [annotator.id, reviewerId] });
    const db = fixtureDb(databaseUrl);
    // The sample's reference mask is stored first (storage version 1).
    await db.mask.create({ data: { sampleId: seeded.tasks[0]!.sampleId, version: 1, reference: true, source: 'import', encoding: 'rle', data: Buffer.from('0 1024'), width: 32, height: 32, area: 0 } });
    const first = await next(author, seeded.projectId);
    const res = await post(author, `/api/tasks/${first.id}/submit`, { leaseToken: first.leaseToken, clientId: randomUUID(), mask: rleOf(32, 32, (x) => x < 4) });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { mask: { submission: number } }).mask.submission).toBe(1);

    const second = await next(author, seeded.projectId);
    const empty = await post(author, `/api/tasks/${second.id}/submit`, { leaseToken: second.leaseToken, clientId: randomUUID(), noForgery: false, mask: rleOf(32, 32) });
    expect(await empty.json()).toMatchObject({ mask: { noForgery: true, area: 0, submission: 1 } });
    expect(await db.mask.findFirstOrThrow({ where: { taskId: second.id } })).toMatchObject({ noForgery: true, area: 0 });

    // The reviewer sees the first by its submission number and the sample's reference beside it.
    const mask = await db.mask.findFirstOrThrow({ where: { taskId: first.id, source: 'human' } });
    const view = (await (await reviewer.fetch(`/api/review/masks/${mask.id}`)).json()) as { mask: { submission: number; referenceRle: unknown; nextId: string | null } };
    expect(view.mask).toMatchObject({ submission: 1, referenceRle: { size: [32, 32] } });
  });

  it('lets a reviewer correct a mask: a new version by the reviewer, the original kept; retries store one; annotators may not', async () => {
    const reviewerId = await userId(databaseUrl, USERS.reviewer.email);
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[32, 32]], members: [annotator.id, reviewerId] });
    const task = await next(author, seeded.projectId);
    await post(author, `/api/tasks/${task.id}/submit`, { leaseToken: task.leaseToken, clientId: randomUUID(), mask: rleOf(32, 32, (x) => x < 4) });
    const db = fixtureDb(databaseUrl);
    const original = await db.mask.findFirstOrThrow({ where: { taskId: task.id } });
    const body = { decision: 'correct', clientId: randomUUID(), mask: rleOf(32, 32, (x) => x < 8), comment: 'Include the jaw.' };
    expect((await post(author, `/api/review/masks/${original.id}`, body)).status).toBe(403); // the annotator role
    const first = await post(reviewer, `/api/review/masks/${original.id}`, body);
    expect(first.status).toBe(200);
    const { correctionId } = (await first.json()) as { correctionId: string };
    expect((await post(reviewer, `/api/review/masks/${original.id}`, body)).status).toBe(200); // a retry
    const masks = await db.mask.findMany({ where: { taskId: task.id }, orderBy: { version: 'asc' } });
    expect(masks).toHaveLength(2);
    expect(masks[0]).toMatchObject({ id: original.id, review: 'corrected', area: 4 * 32, authorId: annotator.id, reviewNote: 'Include the jaw.' });
    expect(masks[1]).toMatchObject({ id: correctionId, review: 'accepted', area: 8 * 32, authorId: reviewerId, source: 'human' });
    expect(await db.annotationTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'accepted' });
    expect(await db.auditEvent.count({ where: { action: 'mask.correct', targetId: original.id } })).toBe(1);
    // Deciding again is refused; the author sees the task as corrected in "My work".
    expect((await post(reviewer, `/api/review/masks/${original.id}`, { decision: 'accept' })).status).toBe(409);
    const mine = await listMyTasks(db, { actor: { id: annotator.id, role: 'annotator' } });
    expect(mine.find((t) => t.taskId === task.id)).toMatchObject({ state: 'corrected', submission: 1, reviewNote: 'Include the jaw.', canReopen: false });
    // A broken correction is a clear 400 and changes nothing.
    expect((await post(reviewer, `/api/review/masks/${original.id}`, { decision: 'correct', clientId: randomUUID(), mask: { size: [32, 32], counts: 'zz' } })).status).toBe(400);
  });

  it('lists rejected work as returned with the note, reopens it, and numbers the resubmission 2', async () => {
    const reviewerId = await userId(databaseUrl, USERS.reviewer.email);
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[32, 32]], members: [annotator.id, reviewerId] });
    const task = await next(author, seeded.projectId);
    await post(author, `/api/tasks/${task.id}/submit`, { leaseToken: task.leaseToken, clientId: randomUUID(), mask: rleOf(32, 32, (x) => x < 4) });
    const db = fixtureDb(databaseUrl);
    const mask = await db.mask.findFirstOrThrow({ where: { taskId: task.id } });
    expect((await post(reviewer, `/api/review/masks/${mask.id}`, { decision: 'reject' })).status).toBe(400); // a comment is required
    expect((await post(reviewer, `/api/review/masks/${mask.id}`, { decision: 'reject', comment: 'Too small.' })).status).toBe(200);
    const actor = { id: annotator.id, role: 'annotator' as const };
    expect((await listMyTasks(db, { actor })).find((t) => t.taskId === task.id)).toMatchObject({ state: 'returned', reviewNote: 'Too small.', canReopen: true });
    const reopened = await post(author, `/api/tasks/${task.id}/lease`, {});
    expect(reopened.status).toBe(200);
    const { task: again } = (await reopened.json()) as { task: Task & { reviewNote: string } };
    expect(again.reviewNote).toBe('Too small.');
    const res = await post(author, `/api/tasks/${task.id}/submit`, { leaseToken: again.leaseToken, clientId: randomUUID(), mask: rleOf(32, 32, (x) => x < 9) });
    expect(((await res.json()) as { mask: { submission: number } }).mask.submission).toBe(2);
    expect((await listMyTasks(db, { actor })).find((t) => t.taskId === task.id)).toMatchObject({ state: 'submitted', submission: 2 });
    // Opening a submitted task says so, as a 409 the editor shows without "try again".
    const closed = await post(author, `/api/tasks/${task.id}/lease`, {});
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { message: string }).message).toContain('already submitted');
  });
});

describe('project membership', () => {
  it('keeps a members-only project from non-members over HTTP: no tasks, no review queue entry, no mask; the switch opens it', async () => {
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[32, 32], [32, 32]], members: [annotator.id] });
    const task = await next(author, seeded.projectId);
    expect((await post(author, `/api/tasks/${task.id}/submit`, { leaseToken: task.leaseToken, clientId: randomUUID(), mask: rleOf(32, 32, (x) => x < 3) })).status).toBe(201);
    const db = fixtureDb(databaseUrl);
    const mask = await db.mask.findFirstOrThrow({ where: { taskId: task.id } });

    const outsider = await session((await createAnnotator(databaseUrl, 'outsider')).email);
    expect((await post(outsider, '/api/tasks/next', { projectId: seeded.projectId })).status).toBe(404);
    expect((await outsider.fetch(`/api/tasks/${seeded.tasks[1]!.id}`)).status).toBe(404);
    // The reviewer is not a member either: the mask is not in their queue and cannot be opened or decided.
    const queue = (await (await reviewer.fetch('/api/review/queue')).json()) as { items: { maskId: string }[] };
    expect(queue.items.map((i) => i.maskId)).not.toContain(mask.id);
    expect((await reviewer.fetch(`/api/review/masks/${mask.id}`)).status).toBe(404);
    expect((await post(reviewer, `/api/review/masks/${mask.id}`, { decision: 'accept' })).status).toBe(404);

    await db.project.update({ where: { id: seeded.projectId }, data: { openToAllAnnotators: true } });
    expect((await reviewer.fetch(`/api/review/masks/${mask.id}`)).status).toBe(200);
    expect((await post(outsider, '/api/tasks/next', { projectId: seeded.projectId })).status).toBe(200);
  });
});

describe('drafts and leases', () => {
  it('keeps the undo history with the draft, and stores a final draft sent with the release before releasing', async () => {
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[32, 32]], members: [annotator.id] });
    const task = await next(author, seeded.projectId);
    const history = Buffer.from('LAH1 opaque undo history').toString('base64');
    expect((await post(author, `/api/tasks/${task.id}/draft`, { revision: 1, mask: rleOf(32, 32, (x) => x < 2), history }, 'PUT')).status).toBe(200);
    expect(await (await author.fetch(`/api/tasks/${task.id}/draft`)).json()).toMatchObject({ draft: { revision: 1, history } });
    expect((await post(author, `/api/tasks/${task.id}/draft`, { revision: 2, mask: rleOf(32, 32), history: 'not base64!' }, 'PUT')).status).toBe(400);

    const release = await post(author, `/api/tasks/${task.id}/release`, { leaseToken: task.leaseToken, draft: { revision: 2, mask: rleOf(32, 32, (x) => x < 6), history: null } });
    expect(await release.json()).toEqual({ status: 'queued' });
    const db = fixtureDb(databaseUrl);
    expect(await db.annotationTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'queued', leaseHolderId: null });
    expect(await db.draft.findFirstOrThrow({ where: { taskId: task.id } })).toMatchObject({ revision: 2, history: null });
    // The other annotator is offered the released task at once.
    const otherUser = await createAnnotator(databaseUrl, 'after-close');
    await db.projectMember.create({ data: { projectId: seeded.projectId, userId: otherUser.id } });
    expect((await next(await session(otherUser.email), seeded.projectId)).id).toBe(task.id);
  });

  it('withdraws every unanswered task when the round leaves annotation, in the same transaction', async () => {
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[32, 32], [32, 32], [32, 32]], members: [annotator.id] });
    const held = await next(author, seeded.projectId);
    const db = fixtureDb(databaseUrl);
    expect(await transitionRound(db, { roundId: seeded.roundId, event: 'closeAnnotation' })).toMatchObject({ status: 'training' });
    const statuses = await db.annotationTask.groupBy({ by: ['status'], where: { roundId: seeded.roundId }, _count: { _all: true } });
    expect(statuses).toEqual([{ status: 'expired', _count: { _all: 3 } }]);
    expect(await (await post(author, '/api/tasks/next', { projectId: seeded.projectId })).json()).toEqual({ task: null });
    const late = await post(author, `/api/tasks/${held.id}/submit`, { leaseToken: held.leaseToken, clientId: randomUUID(), mask: rleOf(32, 32, (x) => x < 3) });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { message: string }).message).toContain('withdrawn');
    // A withdrawn task takes no more drafts (the one stored before stays).
    expect((await post(author, `/api/tasks/${held.id}/draft`, { revision: 1, mask: rleOf(32, 32) }, 'PUT')).status).toBe(404);
  });
});
