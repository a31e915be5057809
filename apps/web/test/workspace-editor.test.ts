// Editor logic without a browser: pointer events driven against the store, undo/redo, tools, autosave.
import { describe, expect, it } from 'vitest';
import { decodeRle } from '@lae-studio/mask-codec';
import { upsampleAttention } from '../src/editor/attention';
import { maskToRle } from '../src/editor/mask-codec';
import { commandForKey } from '../src/editor/shortcuts';
import { runCommand } from '../src/editor/run-command';
import { createEditorStore, type EditorStore } from '../src/editor/store';
import { TransientError, type Answer } from '../src/editor/sync/api';
import type { Timers } from '../src/editor/sync/backoff';
import { DraftAutosave } from '../src/editor/sync/draft-autosave';
import { LeaseKeeper } from '../src/editor/sync/lease-keeper';

const at = (x: number, y: number) => ({ image: { x, y }, screen: { x, y } });

function stroke(store: EditorStore, points: [number, number][]) {
  const [first, ...rest] = points;
  store.pointerDown(at(...first!));
  store.pointerMove(rest.map((p) => at(...p)));
  store.pointerUp();
}

describe('editor store and tools', () => {
  it('paints a stroke into the native-resolution buffer as one undo step of its dirty rectangle', () => {
    const store = createEditorStore(64, 32, { brushSize: 6 });
    const changes: (object | null)[] = [];
    store.onPixels((r) => changes.push(r));
    stroke(store, [[10, 10], [30, 10], [50, 10]]);
    expect(store.mask.area()).toBeGreaterThan(40 * 5);
    expect(store.mask.coverage[10 * 64 + 30]).toBe(255);
    expect(store.mask.coverage[25 * 64 + 30]).toBe(0);
    expect(store.getState()).toMatchObject({ canUndo: true, canRedo: false, changeCount: 1, gesture: 'idle' });
    expect(store.history.size).toBe(1);
    const patch = (store.history as unknown as { done: { rect: { w: number; h: number } }[] }).done[0]!;
    expect(patch.rect.w * patch.rect.h).toBeLessThan(64 * 32 / 2); // the stroke's rectangle, not a snapshot
    expect(changes.length).toBeGreaterThan(0);
  });

  it('undoes and redoes per stroke, and a new stroke clears the redo stack', () => {
    const store = createEditorStore(40, 40, { brushSize: 4 });
    stroke(store, [[5, 5], [35, 5]]);
    const afterFirst = store.mask.coverage.slice();
    stroke(store, [[5, 30], [35, 30]]);
    store.undo();
    expect(store.mask.coverage).toEqual(afterFirst);
    store.undo();
    expect(store.mask.area()).toBe(0);
    expect(store.getState().canUndo).toBe(false);
    store.redo();
    expect(store.mask.coverage).toEqual(afterFirst);
    stroke(store, [[20, 20], [21, 21]]);
    expect(store.getState().canRedo).toBe(false);
  });

  it('erases, honours hardness, and cancel rolls a stroke back', () => {
    const store = createEditorStore(40, 40, { brushSize: 20 });
    stroke(store, [[20, 20], [20, 21]]);
    const full = store.mask.area();
    store.setTool('eraser');
    store.setBrushSize(6);
    stroke(store, [[20, 20], [20, 22]]);
    expect(store.mask.area()).toBeLessThan(full);
    expect(store.mask.coverage[20 * 40 + 20]).toBe(0);
    store.setTool('brush');
    store.setHardness(0);
    store.setBrushSize(20);
    const before = store.mask.coverage.slice();
    store.pointerDown(at(5, 5));
    const soft = store.mask.coverage[5 * 40 + 12]!;
    expect(soft).toBeGreaterThan(0);
    expect(soft).toBeLessThan(255);
    store.cancelPointer();
    expect(store.mask.coverage).toEqual(before);
  });

  it('pans with the pan tool or a forced pan, zooms around the pointer and fits the stage', () => {
    const store = createEditorStore(1024, 1024);
    store.setStage({ width: 800, height: 600 });
    store.fit();
    expect(store.getState().view.scale).toBeCloseTo(568 / 1024);
    const v0 = store.getState().view;
    store.pointerDown(at(100, 100), { pan: true });
    store.pointerMove([at(110, 100), at(130, 90)]);
    store.pointerUp();
    expect(store.getState().view).toMatchObject({ x: v0.x + 30, y: v0.y - 10 });
    expect(store.mask.area()).toBe(0);
    store.zoom(2, { x: 400, y: 300 });
    expect(store.getState().view.scale).toBeCloseTo((568 / 1024) * 2);
    store.actualSize();
    expect(store.getState().view).toEqual({ scale: 1, x: -112, y: -212 });
  });

  it('prefills from the attention map at the threshold as one undoable step', () => {
    const store = createEditorStore(8, 8);
    // 2×2 map, hot in the top-left cell.
    store.setAttention(upsampleAttention(new Float32Array([1, 0, 0, 0]), 2, 8, 8));
    store.setAttentionThreshold(0.5);
    store.prefillFromAttention();
    expect(store.mask.coverage[0]).toBe(255);
    expect(store.mask.coverage[63]).toBe(0);
    const area = store.mask.area();
    expect(area).toBeGreaterThan(4);
    expect(area).toBeLessThan(32);
    store.undo();
    expect(store.mask.area()).toBe(0);
  });

  it('encodes the binarised mask as COCO RLE that decodes to the same pixels', () => {
    const store = createEditorStore(30, 20, { brushSize: 5 });
    stroke(store, [[3, 3], [25, 15]]);
    const decoded = decodeRle(maskToRle(store.mask));
    expect(decoded.width).toBe(30);
    expect(Array.from(decoded.data)).toEqual(Array.from(store.mask.toBinary()));
  });
});

describe('shortcuts', () => {
  it('maps every listed key to its command and runs it', () => {
    expect(commandForKey({ key: 'z', ctrlKey: true })).toBe('history.undo');
    expect(commandForKey({ key: 'Z', ctrlKey: true, shiftKey: true })).toBe('history.redo');
    expect(commandForKey({ key: 'y', metaKey: true })).toBe('history.redo');
    expect(commandForKey({ key: 'E' })).toBe('tool.eraser');
    expect(commandForKey({ key: '?' , shiftKey: true })).toBe('help.toggle');
    expect(commandForKey({ key: '{', shiftKey: true })).toBe('hardness.down');
    expect(commandForKey({ key: 'Enter', ctrlKey: true })).toBe('task.submit');
    expect(commandForKey({ key: 'b', altKey: true })).toBeNull();
    const store = createEditorStore(10, 10, { brushSize: 10 });
    const task: string[] = [];
    runCommand(store, 'tool.eraser', (c) => task.push(c));
    runCommand(store, 'brush.bigger', (c) => task.push(c));
    runCommand(store, 'mask.toggle', (c) => task.push(c));
    runCommand(store, 'task.skip', (c) => task.push(c));
    expect(store.getState()).toMatchObject({ tool: 'eraser', brushSize: 12, maskVisible: false });
    expect(task).toEqual(['task.skip']);
  });
});

function fakeTimers() {
  let now = 0;
  let queue: { at: number; fn: () => void; id: number }[] = [];
  let id = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => (queue.push({ at: now + ms, fn, id: ++id }), id),
    clearTimeout: (h) => (queue = queue.filter((q) => q.id !== h)),
    now: () => now,
  };
  async function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      queue.sort((a, b) => a.at - b.at);
      const next = queue[0];
      if (!next || next.at > end) break;
      queue.shift();
      now = next.at;
      next.fn();
      await new Promise((r) => setTimeout(r, 0));
    }
    now = end;
  }
  return { timers, advance };
}

const ok = (revision: number): Answer<{ revision: number }> => ({ status: 200, body: { revision } });

describe('draft autosave', () => {
  it('debounces changes into one save of the newest revision, continuing from the restored draft', async () => {
    const { timers, advance } = fakeTimers();
    const saved: number[] = [];
    const auto = new DraftAutosave({ baseRevision: 7, encode: () => ({ mask: { size: [1, 1], counts: '1' }, history: null }), save: async (r) => (saved.push(r), ok(r)), timers, debounceMs: 300 });
    auto.changed();
    auto.changed();
    auto.changed();
    expect(auto.getState().status).toBe('pending');
    await advance(299);
    expect(saved).toEqual([]);
    await advance(1);
    expect(saved).toEqual([10]);
    expect(auto.getState()).toMatchObject({ status: 'saved', savedRevision: 10 });
  });

  it('shows a retrying state on network failure and retries with backoff until it succeeds', async () => {
    const { timers, advance } = fakeTimers();
    let failures = 2;
    const saved: number[] = [];
    const auto = new DraftAutosave({
      baseRevision: 0,
      encode: () => ({ mask: { size: [1, 1], counts: '1' }, history: null }),
      save: async (r) => {
        if (failures-- > 0) throw new TransientError('offline');
        saved.push(r);
        return ok(r);
      },
      timers,
      debounceMs: 100,
    });
    auto.changed();
    await advance(100);
    expect(auto.getState()).toMatchObject({ status: 'retrying', attempt: 1 });
    auto.changed(); // a change while offline is kept and saved with the retry
    await advance(1500);
    expect(auto.getState()).toMatchObject({ status: 'retrying', attempt: 2 });
    await advance(3000);
    expect(saved).toEqual([2]);
    expect(auto.getState()).toMatchObject({ status: 'saved', attempt: 0 });
  });

  it('stops on a 409 (a newer draft elsewhere) and reports it', async () => {
    const { timers, advance } = fakeTimers();
    const auto = new DraftAutosave({ baseRevision: 0, encode: () => ({ mask: { size: [1, 1], counts: '1' }, history: null }), save: async () => ({ status: 409, body: { revision: 0, message: 'newer' } }), timers });
    auto.changed();
    await advance(1000);
    auto.changed();
    await advance(1000);
    expect(auto.getState()).toMatchObject({ status: 'conflict', message: 'newer' });
  });
});

describe('lease keeper', () => {
  it('heartbeats every third of the TTL and reports a lost lease', async () => {
    const { timers, advance } = fakeTimers();
    let answers = [200, 200, 409];
    let beats = 0;
    const keeper = new LeaseKeeper({ ttlSeconds: 90, timers, heartbeat: async () => (beats++, { status: answers.shift()!, body: { leaseExpiresAt: '' } }) });
    keeper.start();
    await advance(30_000 * 3);
    expect(beats).toBe(3);
    expect(keeper.status).toBe('lost');
    answers = [];
  });
});

describe('submit with retry', () => {
  it('retries network failures with the same client id and reports a lost lease without retrying', async () => {
    const { submitWithRetry } = await import('../src/editor/sync/submit-mask');
    const seen: string[] = [];
    let failures = 2;
    const api = {
      submit: async (_taskId: string, body: { clientId: string }) => {
        seen.push(body.clientId);
        if (failures-- > 0) throw new TransientError('offline');
        return { status: 201, body: { mask: { id: 'm1', sampleId: 's', submission: 1, area: 5, noForgery: false, bytes: 10 } } };
      },
    } as unknown as Parameters<typeof submitWithRetry>[0];
    const retries: number[] = [];
    const args = { taskId: 't', leaseToken: 'l', clientId: 'c-1', noForgery: false, mask: { size: [1, 1] as [number, number], counts: '1' } };
    const outcome = await submitWithRetry(api, args, { sleep: async () => undefined, onRetry: (n) => retries.push(n) });
    expect(outcome).toEqual({ kind: 'stored', maskId: 'm1', submission: 1, noForgery: false, bytes: 10 });
    expect(seen).toEqual(['c-1', 'c-1', 'c-1']);
    expect(retries).toEqual([1, 2]);
    const lost = { submit: async () => ({ status: 409, body: { message: 'lease ended' } }) } as unknown as Parameters<typeof submitWithRetry>[0];
    expect(await submitWithRetry(lost, args, { sleep: async () => undefined })).toEqual({ kind: 'lease-lost', message: 'lease ended' });
  });
});

describe('undo history budget', () => {
  const patch = (n: number) => ({ label: 'stroke', rect: { x: 0, y: 0, w: n, h: 1 }, before: new Uint8Array(n), after: new Uint8Array(n).fill(255) });

  it('counts what both stacks hold, and releases the redo stack when a new gesture discards it', async () => {
    const { History } = await import('../src/editor/history');
    const { MaskBuffer } = await import('../src/editor/mask-buffer');
    const buffer = new MaskBuffer(16, 1);
    const h = new History(2 * 32); // room for exactly two 16-pixel patches (before + after)
    h.push(patch(16));
    h.push(patch(16));
    expect(h.heldBytes).toBe(64);
    // Undo-then-stroke cycles used to leave the discarded redo patches' bytes in the total, so eviction
    // trimmed the history to one entry for the rest of the session.
    for (let i = 0; i < 3; i++) {
      h.undo(buffer);
      h.push(patch(16));
      expect(h.size).toBe(2);
      expect(h.heldBytes).toBe(64);
    }
    // Over budget: the oldest step goes, never the newest.
    h.push(patch(16));
    expect(h.size).toBe(2);
    expect(h.heldBytes).toBe(64);
  });
});
