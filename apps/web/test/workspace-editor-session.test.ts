// The editor's session flows without a browser: the controller driven by the store against a recording
// fake of the task API (its answers shaped by the routes' contracts).
import { describe, expect, it } from 'vitest';
import { decodeRle } from '@lae-studio/mask-codec';
import type { TaskDto } from '../src/contracts/tasks';
import { EditorSessionController, KEEPALIVE_MAX_CHARS } from '../src/editor/session-controller';
import { createEditorStore, type EditorStore } from '../src/editor/store';
import type { TaskApi } from '../src/editor/sync/api';
import type { Timers } from '../src/editor/sync/backoff';

const task: TaskDto = {
  id: 't1',
  projectId: 'p1',
  projectName: 'P',
  status: 'leased',
  attempts: 1,
  assigneeId: null,
  leaseToken: 'lease-1',
  leaseExpiresAt: null,
  leaseTtlSeconds: 90,
  sample: { id: 's1', width: 32, height: 32, label: 'fake', manipulation: null },
  score: null,
  reviewNote: null,
};

type Call = { name: string; args: unknown[] };

function fakeApi(overrides: Partial<Record<keyof TaskApi, (...args: never[]) => unknown>> = {}) {
  const calls: Call[] = [];
  const answer = <T,>(status: number, body: T) => Promise.resolve({ status, body });
  const base: Record<keyof TaskApi, (...args: never[]) => unknown> = {
    open: () => answer(200, { task: { ...task, leaseToken: 'lease-2' } }),
    next: () => answer(200, { task: { ...task, id: 't2' } }),
    heartbeat: () => answer(200, { leaseExpiresAt: '' }),
    release: () => answer(200, { status: 'queued' }),
    getDraft: () => answer(200, { draft: null }),
    saveDraft: (_t: never, d: never) => answer(200, { revision: (d as { revision: number }).revision }),
    submit: (_t: never, b: never) => answer(201, { mask: { id: 'm1', sampleId: 's1', submission: 1, area: decodeRle((b as { mask: { size: [number, number]; counts: string } }).mask).data.reduce((n, v) => n + v, 0), noForgery: (b as { noForgery: boolean }).noForgery, bytes: 4 } }),
    ...overrides,
  };
  const api = Object.fromEntries(Object.entries(base).map(([k, f]) => [k, (...args: never[]) => (calls.push({ name: k, args }), f(...args))])) as unknown as TaskApi;
  return { api, calls, named: (n: string) => calls.filter((c) => c.name === n) };
}

function idleTimers(): Timers & { fire(): Promise<void> } {
  let queue: (() => void)[] = [];
  return {
    setTimeout: (fn) => (queue.push(fn), queue.length),
    clearTimeout: () => undefined,
    now: () => 0,
    async fire() {
      const q = queue;
      queue = [];
      for (const fn of q) fn();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

function setup(overrides?: Parameters<typeof fakeApi>[0]) {
  const store = createEditorStore(32, 32, { brushSize: 6 });
  const fake = fakeApi(overrides);
  const went: string[] = [];
  const timers = idleTimers();
  const session = new EditorSessionController({ store, task, api: fake.api, navigate: (p) => went.push(p), newId: () => '00000000-0000-4000-8000-000000000001', timers, sleep: async () => undefined });
  session.start();
  return { store, session, ...fake, went, timers };
}

const at = (x: number, y: number) => ({ image: { x, y }, screen: { x, y } });
function paint(store: EditorStore) {
  store.pointerDown(at(8, 8));
  store.pointerMove([at(20, 8)]);
  store.pointerUp();
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('editor session controller', () => {
  it('asks before submitting an empty mask, and stores it as "no visible forgery"', async () => {
    const { session, named, went } = setup();
    session.onTask('task.submit');
    expect(session.getState().dialog).toBe('confirm-empty');
    expect(named('submit')).toHaveLength(0);
    session.cancelDialog();
    session.onTask('task.submit');
    session.confirm();
    await settle();
    await settle();
    const [call] = named('submit');
    expect(call!.args[1]).toMatchObject({ noForgery: true, leaseToken: 'lease-1' });
    expect(session.getState().note).toContain('no visible forgery');
    expect(went).toEqual(['/work/tasks/t2']);
  });

  it('submits a painted mask at once, but asks before "no visible forgery" discards it', async () => {
    const { store, session, named } = setup();
    paint(store);
    session.onTask('task.noForgery');
    expect(session.getState().dialog).toBe('confirm-discard');
    session.cancelDialog();
    session.onTask('task.submit');
    await settle();
    await settle();
    const body = named('submit')[0]!.args[1] as { noForgery: boolean; mask: { size: [number, number]; counts: string } };
    expect(body.noForgery).toBe(false);
    expect(decodeRle(body.mask).data.reduce((n, v) => n + v, 0)).toBe(store.mask.area());
    expect(session.getState().note).toContain('submission 1');
  });

  it('skips with the reason after saving the draft, and closes back to the task list', async () => {
    const skip = setup();
    paint(skip.store);
    await skip.session.skip('Image unclear');
    expect(skip.named('saveDraft')).toHaveLength(1);
    expect(skip.named('release')[0]!.args[1]).toEqual({ leaseToken: 'lease-1', skipReason: 'Image unclear' });
    expect(skip.went).toEqual(['/work/tasks/t2']);
    const close = setup();
    await close.session.close();
    expect(close.named('release')[0]!.args[1]).toEqual({ leaseToken: 'lease-1' });
    expect(close.went).toEqual(['/work']);
  });

  it('commits a stroke still in progress when the tab closes and releases the lease with that draft in one keepalive request', () => {
    const { store, session, named } = setup();
    store.pointerDown(at(4, 4));
    store.pointerMove([at(28, 4)]); // no pointer up: the page goes away mid-stroke
    expect(session.leave('hidden')).toBe(true);
    const [put] = named('saveDraft');
    expect(put!.args[2]).toEqual({ keepalive: true });
    const draft = put!.args[1] as { revision: number; mask: { size: [number, number]; counts: string }; history: string | null };
    expect(draft.revision).toBe(1);
    expect(decodeRle(draft.mask).data.reduce((n, v) => n + v, 0)).toBe(store.mask.area());
    expect(draft.history).toBeTruthy();
    expect(store.getState().canUndo).toBe(true);
    // The same revision is not sent twice; closing now only releases.
    session.leave('closing');
    expect(named('saveDraft')).toHaveLength(1);
    expect(named('release')[0]!.args).toEqual(['t1', { leaseToken: 'lease-1' }, { keepalive: true }]);
    // A later pagehide (already released) sends nothing.
    session.leave('closing');
    expect(named('release')).toHaveLength(1);
  });

  it('sends the draft inside the release when the tab closes with unsaved work, without the history when that would not fit', () => {
    const { store, session, named } = setup();
    paint(store);
    // A history too large for a keepalive request: random-looking soft pixels do not compress.
    const big = 260;
    const noise = (n: number) => new Uint8Array(n).map((_, i) => ((i * 2654435761) >>> 13) & 255);
    store.restoreHistory([{ label: 'x', rect: { x: 0, y: 0, w: 32, h: 32 }, before: noise(1024), after: noise(1024) }, ...Array.from({ length: big }, () => ({ label: 'y', rect: { x: 0, y: 0, w: 32, h: 32 }, before: noise(1024).reverse(), after: noise(1024) }))]);
    store.pointerDown(at(2, 2));
    store.pointerUp();
    session.leave('closing');
    const [release] = named('release');
    const body = release!.args[1] as { draft: { history: string | null; revision: number } };
    expect(body.draft.revision).toBe(2);
    expect(body.draft.history).toBeNull();
    expect(JSON.stringify(body).length).toBeLessThanOrEqual(KEEPALIVE_MAX_CHARS);
  });

  it('takes a lost lease back by itself and carries on with the new token', async () => {
    let beats = 0;
    const { session, timers, named } = setup({ heartbeat: () => Promise.resolve(beats++ === 0 ? { status: 409, body: { message: 'lost' } } : { status: 200, body: { leaseExpiresAt: '' } }) });
    await timers.fire(); // the first heartbeat: 409
    await settle();
    expect(named('open')).toHaveLength(1);
    expect(session.lease.status).toBe('held');
    await timers.fire();
    expect(named('heartbeat').at(-1)!.args).toEqual(['t1', 'lease-2']);
  });

  it('submits again with a retaken lease when the first answer is a lost lease (a reload\'s old page released it)', async () => {
    let submits = 0;
    const { store, session, named, went } = setup({
      submit: (_t: never, b: never) =>
        Promise.resolve(
          submits++ === 0
            ? { status: 409, body: { error: 'conflict', message: 'The lease on this task was lost.' } }
            : { status: 201, body: { mask: { id: 'm1', sampleId: 's1', submission: 1, area: 1, noForgery: (b as { noForgery: boolean }).noForgery, bytes: 4 } } },
        ),
    });
    paint(store);
    session.onTask('task.submit');
    await settle();
    await settle();
    await settle();
    const calls = named('submit').map((c) => c.args[1] as { leaseToken: string; clientId: string });
    expect(calls.map((c) => c.leaseToken)).toEqual(['lease-1', 'lease-2']);
    expect(calls[0]!.clientId).toBe(calls[1]!.clientId); // one intent, so the server can never store it twice
    expect(named('open')).toHaveLength(1);
    expect(went).toEqual(['/work/tasks/t2']);
  });

  it('does not submit again when the lease cannot be taken back, and says so', async () => {
    const { store, session, named, went } = setup({
      submit: () => Promise.resolve({ status: 409, body: { error: 'conflict', message: 'The lease on this task was lost.' } }),
      open: () => Promise.resolve({ status: 409, body: { error: 'conflict', message: 'Someone else is working on this task.' } }),
    });
    paint(store);
    session.onTask('task.submit');
    for (let i = 0; i < 4; i++) await settle();
    expect(named('submit')).toHaveLength(1);
    expect(session.getState()).toMatchObject({ busy: false, note: expect.stringContaining('Not submitted: The lease on this task was lost.') });
    expect(went).toEqual([]);
  });

  it('says why a lost lease cannot be taken back, keeping the draft', async () => {
    const { session, timers } = setup({
      heartbeat: () => Promise.resolve({ status: 409, body: { message: 'lost' } }),
      open: () => Promise.resolve({ status: 409, body: { error: 'conflict', message: 'Someone else is working on this task.' } }),
    });
    await timers.fire();
    await settle();
    expect(session.getState().note).toContain('Someone else is working on this task.');
    expect(session.lease.status).toBe('lost');
  });
});
