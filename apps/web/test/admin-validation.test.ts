// Issue 15 item 2 over HTTP: refused input answers 400 with plain sentences filed by field (never zod's own
// "✖ Too big … → at name"), the model config is checked by the LAE schema itself (unknown keys and
// out-of-range values refused, by path) and nothing is stored, and "Trigger round" on an empty project says why.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb } from '@lae-studio/db';
import type { HttpSession } from '@lae-studio/auth/http-session';
import { json, signedIn } from './admin/sessions.ts';

const baseUrl = inject('baseUrl');
const db = createDb(inject('databaseUrl'), 2);
let admin: HttpSession;
type Refusal = { error: string; message: string; fields?: Record<string, string> };

beforeAll(async () => {
  admin = await signedIn(baseUrl, 'admin');
});
afterAll(() => db.$disconnect());

async function refused(path: string, method: string, body: unknown, status = 400): Promise<Refusal> {
  const res = await admin.fetch(path, { method, ...json(body) });
  expect(res.status).toBe(status);
  const answer = (await res.json()) as Refusal;
  expect(answer.message).not.toMatch(/✖|→ at/);
  return answer;
}

describe('validation messages', () => {
  let projectId = '';
  beforeAll(async () => {
    const res = await admin.fetch('/api/admin/projects', { method: 'POST', ...json({ name: 'Validation', slug: 'validation' }) });
    expect(res.status).toBe(201);
    projectId = ((await res.json()) as { project: { id: string } }).project.id;
  });

  it('says what is wrong with each field of a new project, in sentences', async () => {
    const r = await refused('/api/admin/projects', 'POST', { name: 'x'.repeat(121), slug: 'Bad Slug', settings: { leaseTtlSeconds: 5, roundBudgetFraction: 0 } });
    expect(r.fields).toEqual({
      name: 'Must be at most 120 characters.',
      slug: 'May contain only lower-case letters, digits and dashes, and must start and end with a letter or digit.',
      leaseTtlSeconds: 'Must be at least 60.',
      roundBudgetFraction: 'Must be more than 0.',
    });
    expect(r.message).toContain('Name must be at most 120 characters.');
    expect(r.message).toContain('Lease TTL must be at least 60.');
  });

  it('checks the model config with the LAE schema, strictly, and stores nothing it refuses', async () => {
    const before = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    const epochs = await refused(`/api/admin/projects/${projectId}`, 'PATCH', { name: 'Renamed', modelConfig: { train: { epochs: -5 } } });
    expect(epochs.fields).toEqual({ modelConfig: 'train.epochs must be at least 1.' });
    expect(epochs.message).toBe('Model config: train.epochs must be at least 1.');
    const foo = await refused(`/api/admin/projects/${projectId}`, 'PATCH', { modelConfig: { foo: 1, train: { epoch: 3 } } });
    expect(foo.fields!.modelConfig).toMatch(/^foo is not a model setting \(settings: .*\)\. train\.epoch is not a model setting/);
    const big = await refused(`/api/admin/projects/${projectId}`, 'PATCH', { modelConfig: { lambdaAtt: 1000 } });
    expect(big.fields).toEqual({ modelConfig: 'lambdaAtt must be at most 100.' });
    const after = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(after.name).toBe(before.name);
    expect(after.modelConfig).toEqual(before.modelConfig);
    // A new project with a bad model config is not created.
    await refused('/api/admin/projects', 'POST', { name: 'x', slug: 'bad-model-config', settings: { modelConfig: { foo: 1 } } });
    expect(await db.project.count({ where: { slug: 'bad-model-config' } })).toBe(0);
    const ok = await admin.fetch(`/api/admin/projects/${projectId}`, { method: 'PATCH', ...json({ modelConfig: { train: { epochs: 30 } } }) });
    expect(ok.status).toBe(200);
  });

  it('files schedule and budget problems under their fields', async () => {
    const schedule = await refused(`/api/admin/projects/${projectId}`, 'PATCH', { retrainSchedule: 'whenever' });
    expect(Object.keys(schedule.fields!)).toEqual(['retrainSchedule']);
    const budget = await refused(`/api/admin/projects/${projectId}`, 'PATCH', { roundBudgetFraction: 0.5, totalBudgetFraction: 0.1 });
    expect(budget.fields).toEqual({ roundBudgetFraction: 'Cannot exceed the total budget.' });
  });

  it('words the people, members and data-job forms the same way', async () => {
    expect((await refused('/api/admin/users', 'POST', { email: 'not-an-email', role: 'annotator' })).fields).toEqual({ email: 'Must be an email address.' });
    expect((await refused(`/api/admin/projects/${projectId}/members`, 'POST', { email: 'nope' })).fields).toEqual({ email: 'Must be an email address.' });
    const gen = await refused(`/api/admin/projects/${projectId}/data`, 'POST', { kind: 'generate', preset: 'face-swap', size: 8, counts: { train: -1, val: 0, test: 0 } });
    expect(gen.fields).toEqual({ size: 'Must be at least 32.', train: 'Must be at least 0.' });
    const path = await refused(`/api/admin/projects/${projectId}/data`, 'POST', { kind: 'import', path: '../etc', layout: 'folder' });
    expect(path.fields).toEqual({ path: 'Must be relative to the import root, without "..".' });
  });

  it('"Trigger round" on a project without samples says why nothing would happen, and queues nothing', async () => {
    const r = await refused(`/api/admin/projects/${projectId}/rounds`, 'POST', {}, 409);
    expect(r.message).toMatch(/no samples\. Add data on the Data page/);
    expect(await db.auditEvent.count({ where: { action: 'round.trigger', targetId: projectId } })).toBe(0);
  });
});
