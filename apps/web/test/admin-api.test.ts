// Admin mutations over HTTP: validation (4xx with a message), audit events, the last-admin rule.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '@lae-studio/db';
import type { HttpSession } from '@lae-studio/auth/http-session';
import { json, signedIn } from './admin/sessions.ts';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
let admin: HttpSession;
const db = createDb(databaseUrl, 2);

beforeAll(async () => {
  admin = await signedIn(baseUrl, 'admin');
});
afterAll(() => db.$disconnect());

async function auditCount(action: string, targetId: string): Promise<number> {
  return db.auditEvent.count({ where: { action, targetId } });
}

describe('projects', () => {
  let id = '';
  it('creates a project and rejects a bad slug, a duplicate and a bad schedule', async () => {
    const res = await admin.fetch('/api/admin/projects', { method: 'POST', ...json({ name: 'API project', slug: 'api-project', settings: { imageSize: 64, retrainSchedule: 'every 6h' } }) });
    expect(res.status).toBe(201);
    id = ((await res.json()) as { project: { id: string } }).project.id;
    expect(await auditCount('project.create', id)).toBe(1);
    expect((await admin.fetch('/api/admin/projects', { method: 'POST', ...json({ name: 'x', slug: 'Bad Slug' }) })).status).toBe(400);
    expect((await admin.fetch('/api/admin/projects', { method: 'POST', ...json({ name: 'x', slug: 'api-project' }) })).status).toBe(409);
    const bad = await admin.fetch('/api/admin/projects', { method: 'POST', ...json({ name: 'x', slug: 'bad-schedule', settings: { retrainSchedule: 'whenever' } }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('neither');
    expect((await admin.fetch('/api/admin/projects', { method: 'POST', body: 'name=x' })).status).toBe(415);
  });

  it('edits settings (only the fields given), pauses the schedule, and audits old → new', async () => {
    const res = await admin.fetch(`/api/admin/projects/${id}`, { method: 'PATCH', ...json({ strategy: 'entropy', diversityWeight: 0.25, schedulePaused: true }) });
    expect(res.status).toBe(200);
    const { project } = (await res.json()) as { project: Record<string, unknown> };
    expect(project).toMatchObject({ strategy: 'entropy', diversityWeight: 0.25, schedulePaused: true, retrainSchedule: 'every 6h', imageSize: 64, totalBudgetFraction: 0.03 });
    const ev = await db.auditEvent.findFirst({ where: { action: 'project.update', targetId: id } });
    expect(ev?.data).toMatchObject({ strategy: { from: 'margin', to: 'entropy' }, schedulePaused: { from: false, to: true } });
    expect((await admin.fetch(`/api/admin/projects/${id}`, { method: 'PATCH', ...json({ retrainSchedule: '61 * * * *' }) })).status).toBe(400);
    expect((await admin.fetch(`/api/admin/projects/${id}`, { method: 'PATCH', ...json({ leaseTtlSeconds: 5 }) })).status).toBe(400);
    expect((await admin.fetch(`/api/admin/projects/${id}`, { method: 'PATCH', ...json({ unknownField: 1 }) })).status).toBe(400);
    // The model config is checked against the model's own schema, unknown settings included (it used to answer "Saved.").
    for (const [modelConfig, message] of [
      [{ train: { epochs: -5 } }, /^Model config: train\.epochs must be at least 1\./],
      [{ foo: 1 }, /^Model config: foo is not a model setting/],
    ] as const) {
      const res = await admin.fetch(`/api/admin/projects/${id}`, { method: 'PATCH', ...json({ modelConfig }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    expect((await admin.fetch(`/api/admin/projects/${id}`, { method: 'PATCH', ...json({ modelConfig: { train: { epochs: 30 } } }) })).status).toBe(200);
    const badCreate = await admin.fetch('/api/admin/projects', { method: 'POST', ...json({ name: 'x', slug: 'bad-model', settings: { modelConfig: { lambdaAtt: -1 } } }) });
    expect(badCreate.status).toBe(400);
    expect((await admin.fetch('/api/admin/projects/nope', { method: 'PATCH', ...json({ strategy: 'random' }) })).status).toBe(404);
  });

  it('shows the overview and validates data jobs', async () => {
    const o = await admin.fetch(`/api/admin/projects/${id}`);
    expect(((await o.json()) as { overview: { samples: { total: number } } }).overview.samples.total).toBe(0);
    const bad = await admin.fetch(`/api/admin/projects/${id}/data`, { method: 'POST', ...json({ kind: 'import', path: '../etc', layout: 'folder' }) });
    expect(bad.status).toBe(400);
    // Mask and video imports: the same path rules, a known format, one sampling rule.
    const post = (body: unknown) => admin.fetch(`/api/admin/projects/${id}/data`, { method: 'POST', ...json(body) });
    expect((await post({ kind: 'import-masks', path: '/etc/passwd', format: 'coco' })).status).toBe(400);
    expect((await post({ kind: 'import-masks', path: 'a.json', format: 'yolo' })).status).toBe(400);
    expect((await post({ kind: 'import-videos', path: 'clips', layout: 'folder', sampling: { every: 0 } })).status).toBe(400);
    expect((await post({ kind: 'import-videos', path: 'clips', layout: 'folder', sampling: { every: 5, perVideo: 3 } })).status).toBe(400);
    expect((await post({ kind: 'import-videos', path: 'clips/../..', layout: 'folder', sampling: { every: 5 } })).status).toBe(400);
    expect((await admin.fetch(`/api/admin/projects/${id}/data/jobs/nope`)).status).toBe(404);
    // Exports run in the worker (admin-exports.test.ts follows one to its download): the request is validated here.
    expect((await admin.fetch(`/api/admin/projects/${id}/exports`, { method: 'POST', ...json({ format: 'tiff' }) })).status).toBe(400);
    expect((await admin.fetch(`/api/admin/projects/${id}/exports/nope/download`)).status).toBe(404);
    expect((await admin.fetch(`/api/admin/projects/${id}/rounds/nope/cancel`, { method: 'POST', ...json({}) })).status).toBe(404);
    expect((await admin.fetch(`/api/admin/projects/${id}/models/nope/artifact`)).status).toBe(404);
  });
});

describe('rounds and models', () => {
  it('cancels a round before evaluation (tasks withdrawn, audited), 409 afterwards', async () => {
    const project = await db.project.create({ data: { name: 'Cancel', slug: 'cancel-round' } });
    const sample = await db.sample.create({ data: { projectId: project.id, storageKey: 'k', contentHash: 'h-cancel', width: 8, height: 8, label: 'fake', split: 'train' } });
    const round = await db.round.create({ data: { projectId: project.id, number: 0, status: 'annotating', strategy: 'random', budget: 1 } });
    await db.annotationTask.create({ data: { projectId: project.id, roundId: round.id, sampleId: sample.id } });
    const res = await admin.fetch(`/api/admin/projects/${project.id}/rounds/${round.id}/cancel`, { method: 'POST', ...json({}) });
    expect(res.status).toBe(200);
    expect((await db.round.findUniqueOrThrow({ where: { id: round.id } })).status).toBe('cancelled');
    expect((await db.annotationTask.findFirstOrThrow({ where: { roundId: round.id } })).status).toBe('expired');
    expect(await auditCount('round.cancel', round.id)).toBe(1);
    expect((await admin.fetch(`/api/admin/projects/${project.id}/rounds/${round.id}/cancel`, { method: 'POST', ...json({}) })).status).toBe(409);
  });

  it('auto-annotates an annotating round with ground truth through the worker (audited); 409 without reference masks or when not annotating', async () => {
    const project = await db.project.create({ data: { name: 'Oracle', slug: 'oracle-round' } });
    const sample = (n: string) => db.sample.create({ data: { projectId: project.id, storageKey: n, contentHash: `h-${n}`, width: 8, height: 8, label: 'fake', split: 'train' } });
    const [withTruth, without] = [await sample('oracle-a'), await sample('oracle-b')];
    await db.mask.create({ data: { sampleId: withTruth.id, version: 1, reference: true, source: 'import', encoding: 'rle', data: Buffer.from('0 64'), width: 8, height: 8, area: 0 } });
    const round = await db.round.create({ data: { projectId: project.id, number: 0, status: 'annotating', strategy: 'random', budget: 1 } });
    const oracle = (r: string) => admin.fetch(`/api/admin/projects/${project.id}/rounds/${r}/oracle`, { method: 'POST', ...json({}) });

    await db.annotationTask.create({ data: { projectId: project.id, roundId: round.id, sampleId: without.id } });
    const none = await oracle(round.id);
    expect(none.status).toBe(409);
    expect(((await none.json()) as { error: string }).error).toMatch(/ground-truth/);

    await db.annotationTask.create({ data: { projectId: project.id, roundId: round.id, sampleId: withTruth.id } });
    const res = await oracle(round.id);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ jobId: `round.oracle.${round.id}`, tasks: 2, answerable: 1 });
    expect(await auditCount('round.oracle', round.id)).toBe(1);

    await db.round.update({ where: { id: round.id }, data: { status: 'training' } });
    expect((await oracle(round.id)).status).toBe(409);
    expect((await admin.fetch(`/api/admin/projects/${project.id}/rounds/nope/oracle`, { method: 'POST', ...json({}) })).status).toBe(404);
  });

  it('promotes, rolls back (audited) and downloads an artifact; refuses a model that is not ready', async () => {
    const project = await db.project.create({ data: { name: 'Models', slug: 'models-promote' } });
    const mk = (status: 'ready' | 'failed', createdAt: Date) => db.modelVersion.create({ data: { projectId: project.id, status, backend: 'wasm', config: {}, createdAt } });
    const older = await mk('ready', new Date(Date.now() - 60_000));
    const newer = await mk('ready', new Date());
    const failed = await mk('failed', new Date());
    await db.modelArtifact.create({ data: { modelVersionId: older.id, format: 'lae-tfjs', bytes: new Uint8Array([1, 2, 3, 4]), sha256: 'x' } });
    const promote = (m: string) => admin.fetch(`/api/admin/projects/${project.id}/models/${m}/promote`, { method: 'POST', ...json({}) });
    expect((await promote(newer.id)).status).toBe(200);
    expect((await promote(older.id)).status).toBe(200);
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).promotedModelId).toBe(older.id);
    expect(await auditCount('model.promote', newer.id)).toBe(1);
    expect(await auditCount('model.rollback', older.id)).toBe(1);
    expect((await promote(failed.id)).status).toBe(409);
    const dl = await admin.fetch(`/api/admin/projects/${project.id}/models/${older.id}/artifact`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename="models-promote-/);
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4]));
    // Another project's model is not reachable through this project.
    const other = await db.project.create({ data: { name: 'Other', slug: 'models-other' } });
    expect((await admin.fetch(`/api/admin/projects/${other.id}/models/${older.id}/artifact`)).status).toBe(404);
  });
});

describe('people', () => {
  it('creates a user with a one-time password, changes the role, disables and enables', async () => {
    const res = await admin.fetch('/api/admin/users', { method: 'POST', ...json({ email: 'New.Person@test.lae', role: 'annotator' }) });
    expect(res.status).toBe(201);
    const { user, password } = (await res.json()) as { user: { id: string; email: string }; password: string };
    expect(user.email).toBe('new.person@test.lae');
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect((await admin.fetch('/api/admin/users', { method: 'POST', ...json({ email: 'new.person@test.lae', role: 'annotator' }) })).status).toBe(409);
    expect((await admin.fetch(`/api/admin/users/${user.id}`, { method: 'PATCH', ...json({ role: 'reviewer' }) })).status).toBe(200);
    expect((await admin.fetch(`/api/admin/users/${user.id}`, { method: 'PATCH', ...json({ disabled: true }) })).status).toBe(200);
    expect((await admin.fetch(`/api/admin/users/${user.id}`, { method: 'PATCH', ...json({}) })).status).toBe(400);
    expect(await auditCount('user.update', user.id)).toBe(2);
  });

  it('never lets an admin demote or disable themself', async () => {
    const me = (await (await admin.fetch('/api/me')).json()) as { user?: { id: string }; id?: string };
    const myId = me.user?.id ?? me.id;
    const res = await admin.fetch(`/api/admin/users/${myId}`, { method: 'PATCH', ...json({ role: 'annotator' }) });
    expect([403, 409]).toContain(res.status);
    expect(((await res.json()) as { message: string }).message).toMatch(/yourself|last active admin/);
    expect((await admin.fetch(`/api/admin/users/${myId}`, { method: 'PATCH', ...json({ disabled: true }) })).status).not.toBe(200);
  });
});

describe('queues', () => {
  it('lists counts per queue', async () => {
    const res = await admin.fetch('/api/admin/queues');
    expect(res.status).toBe(200);
    const { queues } = (await res.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(['rounds', 'train', 'data']));
    expect((await admin.fetch('/api/admin/queues/nope/jobs/x/retry', { method: 'POST', ...json({}) })).status).toBe(404);
  });
});
