// Workspace API over HTTP against the production server: ownership, validation, leasing semantics.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HttpSession } from '@lae-studio/auth/http-session';
import { PASSWORD, USERS } from './users.ts';
import { closeFixtures, createAnnotator, rleOf, seedProject, type Seeded } from './workspace/fixtures.ts';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const storageDir = inject('storageDir');
const json = { 'content-type': 'application/json' };

let alice: HttpSession;
let bob: HttpSession;
let seeded: Seeded;

async function session(email: string) {
  const s = new HttpSession(baseUrl);
  expect(await s.signIn(email, PASSWORD)).toBeNull();
  return s;
}
const post = (s: HttpSession, path: string, body: unknown, method = 'POST') => s.fetch(path, { method, headers: json, body: JSON.stringify(body) });

beforeAll(async () => {
  seeded = await seedProject({ databaseUrl, storageDir, sizes: [[64, 48], [64, 48], [32, 32]], attention: true });
  alice = await session(USERS.annotator.email);
  bob = await session((await createAnnotator(databaseUrl, 'bob')).email);
});
afterAll(closeFixtures);

describe('workspace API', () => {
  it('leases the highest-priority task with its image and attention, and hides it from everyone else', async () => {
    const res = await post(alice, '/api/tasks/next', { projectId: seeded.projectId });
    expect(res.status).toBe(200);
    const { task } = (await res.json()) as { task: { id: string; leaseToken: string; sample: { id: string; width: number }; score: { attentionSize: number } } };
    expect(task.id).toBe(seeded.tasks[0]!.id);
    expect(task).toMatchObject({ sample: { width: 64 }, score: { attentionSize: 8 } });

    const image = await alice.fetch(`/api/samples/${task.sample.id}/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const attention = await alice.fetch(`/api/samples/${task.sample.id}/attention`);
    expect(attention.headers.get('x-attention-size')).toBe('8');
    expect((await attention.arrayBuffer()).byteLength).toBe(8 * 8 * 4);

    // Alice saves a draft; Bob can read neither the task nor that draft, nor take the task.
    expect((await post(alice, `/api/tasks/${task.id}/draft`, { revision: 1, mask: rleOf(64, 48, (x) => x < 5) }, 'PUT')).status).toBe(200);
    expect((await bob.fetch(`/api/tasks/${task.id}`)).status).toBe(404);
    // Bob has no draft of his own for it: 200 with none (never Alice's).
    const bobsDraft = await bob.fetch(`/api/tasks/${task.id}/draft`);
    expect(bobsDraft.status).toBe(200);
    expect(await bobsDraft.json()).toEqual({ draft: null });
    expect((await post(bob, `/api/tasks/${task.id}/draft`, { revision: 5, mask: rleOf(64, 48) }, 'PUT')).status).toBe(404);
    expect((await post(bob, `/api/tasks/${task.id}/lease`, {})).status).toBe(404);
    expect((await post(bob, `/api/tasks/${task.id}/heartbeat`, { leaseToken: task.leaseToken })).status).toBe(409);
    expect((await post(bob, `/api/tasks/${task.id}/submit`, { leaseToken: task.leaseToken, clientId: randomUUID(), mask: rleOf(64, 48) })).status).toBe(409);
    const aliceDraft = (await (await alice.fetch(`/api/tasks/${task.id}/draft`)).json()) as { draft: { revision: number } };
    expect(aliceDraft.draft.revision).toBe(1);

    // Bob gets the next task, not Alice's.
    const bobs = (await (await post(bob, '/api/tasks/next', { projectId: seeded.projectId })).json()) as { task: { id: string } };
    expect(bobs.task.id).toBe(seeded.tasks[1]!.id);
  });

  it('refuses a mask of the wrong size or a broken encoding with 400, and non-JSON with 415', async () => {
    const { task } = (await (await post(alice, '/api/tasks/next', { projectId: seeded.projectId })).json()) as { task: { id: string; leaseToken: string } };
    const submit = (mask: unknown) => post(alice, `/api/tasks/${task.id}/submit`, { leaseToken: task.leaseToken, clientId: randomUUID(), mask });
    const wrongSize = await submit(rleOf(32, 32));
    expect(wrongSize.status).toBe(400);
    expect(((await wrongSize.json()) as { message: string }).message).toMatch(/32×32.*64×48/);
    expect((await post(alice, `/api/tasks/${task.id}/draft`, { revision: 2, mask: rleOf(48, 64) }, 'PUT')).status).toBe(400);
    const broken = await submit({ size: [48, 64], counts: 'zzzz' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toMatch(/Invalid mask encoding/);
    expect((await submit({ size: [48, 64] })).status).toBe(400);
    expect((await alice.fetch(`/api/tasks/${task.id}/submit`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await post(alice, `/api/tasks/${task.id}/submit`, { leaseToken: task.leaseToken, clientId: 'not-a-uuid', mask: rleOf(64, 48) })).status).toBe(400);
  });

  it('keeps the newest draft, submits idempotently, and refuses a stale lease with 409', async () => {
    const { task } = (await (await post(alice, '/api/tasks/next', { projectId: seeded.projectId })).json()) as { task: { id: string; leaseToken: string } };
    expect((await post(alice, `/api/tasks/${task.id}/draft`, { revision: 3, mask: rleOf(64, 48, (x) => x < 9) }, 'PUT')).status).toBe(200);
    expect((await post(alice, `/api/tasks/${task.id}/draft`, { revision: 2, mask: rleOf(64, 48) }, 'PUT')).status).toBe(409);
    const clientId = randomUUID();
    const body = { leaseToken: task.leaseToken, clientId, mask: rleOf(64, 48, (x, y) => x < 9 && y < 10) };
    const first = await post(alice, `/api/tasks/${task.id}/submit`, body);
    expect(first.status).toBe(201);
    const again = await post(alice, `/api/tasks/${task.id}/submit`, body);
    expect(again.status).toBe(200);
    const [a, b] = [(await first.json()) as { mask: { id: string; area: number } }, (await again.json()) as { mask: { id: string } }];
    expect(a.mask.id).toBe(b.mask.id);
    expect(a.mask.area).toBe(90);
    expect((await post(alice, `/api/tasks/${task.id}/submit`, { ...body, clientId: randomUUID() })).status).toBe(409);
    expect(await (await alice.fetch(`/api/tasks/${task.id}/draft`)).json()).toEqual({ draft: null }); // the draft went with the submit
  });

  it('checks the session and the role on every route', async () => {
    const anon = new HttpSession(baseUrl);
    expect((await anon.fetch(`/api/tasks/${seeded.tasks[0]!.id}`)).status).toBe(401);
    expect((await post(anon, '/api/tasks/next', { projectId: seeded.projectId })).status).toBe(401);
    expect((await anon.fetch(`/api/samples/${seeded.tasks[0]!.sampleId}/image`)).status).toBe(401);
    expect((await alice.fetch('/api/review/queue')).status).toBe(403);
    expect((await post(alice, '/api/review/masks/whatever', { decision: 'accept' })).status).toBe(403);
    expect((await post(alice, '/api/tasks/next', { projectId: 'no-such-project' })).status).toBe(404);
  });
});
