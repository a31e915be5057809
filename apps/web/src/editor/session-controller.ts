import type { TaskDto } from '@/contracts/tasks';
import { encodeHistory, toBase64 } from './history-codec';
import { emptyRle, maskToRle } from './mask-codec';
import type { TaskCommand } from './run-command';
import type { EditorStore } from './store';
import type { TaskApi } from './sync/api';
import type { Timers } from './sync/backoff';
import { DraftAutosave, type DraftBody } from './sync/draft-autosave';
import { LeaseKeeper } from './sync/lease-keeper';
import { submitWithRetry } from './sync/submit-mask';

/** A request that outlives the page (keepalive) may carry at most 64 KiB; leave room for headers. */
export const KEEPALIVE_MAX_CHARS = 60_000;

export type SessionDialog = null | 'skip' | 'confirm-empty' | 'confirm-discard';

export interface SessionState {
  busy: boolean;
  note: string | null;
  dialog: SessionDialog;
}

export interface SessionOptions {
  store: EditorStore;
  task: TaskDto;
  api: TaskApi;
  navigate(path: string): void;
  /** The draft's revision the editor started from (0 for none). */
  baseRevision?: number;
  newId?(): string;
  timers?: Timers;
  sleep?(ms: number): Promise<void>;
  /** Autosave round trips, for the benchmark. */
  onSaved?(ms: number): void;
}

/**
 * One open task's flows, without React or the DOM: submit (an empty mask asks first and is stored as "no
 * visible forgery"), skip with a reason, close, reopen after a lost lease, and leaving the page (the stroke
 * in progress is committed and the draft sent with a request that outlives the page; closing the tab also
 * releases the lease). It owns the draft autosave and the lease heartbeat; the page only renders its state.
 */
export class EditorSessionController {
  readonly autosave: DraftAutosave;
  readonly lease: LeaseKeeper;
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private leaseToken: string;
  private submitId: string | null = null;
  /** Submitted, skipped or closed: the lease is no longer ours to keep or release. */
  private finished = false;
  private sentRevision = -1;
  private reopening = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: SessionOptions) {
    const { store, task, api } = opts;
    this.leaseToken = task.leaseToken ?? '';
    this.state = { busy: false, note: task.reviewNote ? `Returned by the reviewer: ${task.reviewNote}` : null, dialog: null };
    this.autosave = new DraftAutosave({
      baseRevision: opts.baseRevision ?? 0,
      encode: () => this.encodeDraft(),
      save: (revision, draft) => api.saveDraft(task.id, { revision, ...draft }),
      timers: opts.timers,
      onSaved: opts.onSaved,
    });
    this.lease = new LeaseKeeper({ ttlSeconds: task.leaseTtlSeconds, heartbeat: () => api.heartbeat(task.id, this.leaseToken), timers: opts.timers });
    let last = store.getState().changeCount;
    const offStore = store.subscribe(() => {
      const count = store.getState().changeCount;
      if (count !== last) {
        last = count;
        this.autosave.changed();
      }
    });
    // A lost lease is usually a lapse nobody else used (a sleeping laptop): take it back once, quietly.
    const offLease = this.lease.subscribe(() => {
      if (this.lease.status === 'lost' && !this.finished) void this.reopen();
    });
    this.unsubscribe = () => {
      offStore();
      offLease();
    };
  }

  getState = (): SessionState => this.state;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  private set(patch: Partial<SessionState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  start() {
    this.autosave.start();
    if (!this.finished) this.lease.start();
  }
  stop() {
    this.autosave.dispose();
    this.lease.stop();
  }
  dispose() {
    this.stop();
    this.unsubscribe();
  }

  get task(): TaskDto {
    return this.opts.task;
  }

  private encodeDraft(): DraftBody {
    const { store } = this.opts;
    const patches = store.history.entries();
    return { mask: maskToRle(store.mask), history: patches.length ? toBase64(encodeHistory(patches, store.width, store.height)) : null };
  }

  // --- task commands ------------------------------------------------------------------------------------

  onTask(command: TaskCommand) {
    if (command === 'task.submit') this.submit();
    else if (command === 'task.noForgery') this.declareNoForgery();
    else this.set({ dialog: 'skip' });
  }

  /** Ctrl+Enter / Submit: an empty mask is "no visible forgery", which the annotator confirms first. */
  submit() {
    if (this.state.busy) return;
    if (this.opts.store.mask.area() === 0) return this.set({ dialog: 'confirm-empty' });
    void this.send(false);
  }

  /** N / "No visible forgery": discarding painted pixels is confirmed first. */
  declareNoForgery() {
    if (this.state.busy) return;
    if (this.opts.store.mask.area() > 0) return this.set({ dialog: 'confirm-discard' });
    void this.send(true);
  }

  /** Yes in either confirmation: store "no visible forgery". */
  confirm() {
    if (this.state.dialog !== 'confirm-empty' && this.state.dialog !== 'confirm-discard') return;
    this.set({ dialog: null });
    void this.send(true);
  }

  cancelDialog() {
    if (this.state.dialog) this.set({ dialog: null });
  }

  private async send(noForgery: boolean): Promise<void> {
    const { store, task, api } = this.opts;
    this.set({ busy: true, note: 'Submitting…' });
    this.opts.store.pointerUp();
    this.submitId ??= this.opts.newId?.() ?? crypto.randomUUID(); // one id for every retry of this submit
    try {
      const mask = noForgery ? emptyRle(store.width, store.height) : maskToRle(store.mask);
      const submitOnce = () =>
        submitWithRetry(
          api,
          { taskId: task.id, leaseToken: this.leaseToken, clientId: this.submitId!, noForgery, mask },
          { sleep: this.opts.sleep, onRetry: (attempt, delay, message) => this.set({ note: `${message} — retrying in ${Math.round(delay / 1000)} s (attempt ${attempt})` }) },
        );
      let outcome = await submitOnce();
      // A lost lease is usually our own doing: a reload's old page releases the task (keepalive, on pagehide)
      // after the new page has opened it with the same token. Take it back once, as the heartbeat does.
      if (outcome.kind === 'lease-lost' && (await this.reopen())) outcome = await submitOnce();
      if (outcome.kind === 'stored') {
        this.finished = true;
        this.stop();
        const what = outcome.noForgery ? '"no visible forgery"' : `submission ${outcome.submission}`;
        this.set({ note: `Submitted (${what}). Loading the next task…` });
        await this.goNext();
        return;
      }
      this.submitId = null;
      this.set({ note: outcome.kind === 'lease-lost' ? `Not submitted: ${outcome.message} Your draft is saved.` : `Not submitted: ${outcome.message}` });
    } catch (err) {
      this.set({ note: `Not submitted: ${(err as Error).message}. Your draft is kept; try again.` });
    }
    this.set({ busy: false });
  }

  async skip(reason: string): Promise<void> {
    const { task, api } = this.opts;
    this.set({ dialog: null, busy: true });
    await this.autosave.flush().catch(() => undefined);
    const answer = await api.release(task.id, { leaseToken: this.leaseToken, skipReason: reason }).catch((err: Error) => ({ status: 0, body: { message: err.message } }));
    if (answer.status === 200) {
      this.finished = true;
      this.stop();
      return this.goNext();
    }
    this.set({ busy: false, note: `Could not skip: ${answer.body.message ?? answer.status}` });
  }

  /** Close: save, give the task back to the queue, go to the task list. */
  async close(): Promise<void> {
    const { task, api } = this.opts;
    this.set({ busy: true });
    await this.autosave.flush().catch(() => undefined);
    await api.release(task.id, { leaseToken: this.leaseToken }).catch(() => undefined);
    this.finished = true;
    this.stop();
    this.opts.navigate('/work');
  }

  /** Lease the task again (after a lost lease, or a page restored from the back/forward cache). */
  async reopen(): Promise<boolean> {
    if (this.reopening || this.finished) return false;
    this.reopening = true;
    try {
      const answer = await this.opts.api.open(this.opts.task.id).catch(() => null);
      if (answer?.status === 200 && answer.body.task.leaseToken) {
        this.leaseToken = answer.body.task.leaseToken;
        this.lease.restart();
        return true;
      }
      if (answer) this.set({ note: `This task can no longer be edited: ${answer.body.message ?? answer.status}. Your draft is kept.` });
      return false;
    } finally {
      this.reopening = false;
    }
  }

  private async goNext(): Promise<void> {
    const next = await this.opts.api.next(this.opts.task.projectId).catch(() => null);
    const id = next?.status === 200 ? next.body.task?.id : undefined;
    this.opts.navigate(id ? `/work/tasks/${id}` : '/work?done=1');
  }

  // --- leaving the page ---------------------------------------------------------------------------------

  /**
   * The page is being hidden ('hidden': tab switch, the start of a reload) or going away ('closing':
   * pagehide). The stroke in progress is committed and the newest draft sent with keepalive; closing also
   * releases the lease (with the draft in the same request, so it is stored first). Returns false when the
   * draft is too large to outlive the page (the caller then asks the browser to warn).
   */
  leave(kind: 'hidden' | 'closing'): boolean {
    if (this.finished) return true;
    const { store, task, api } = this.opts;
    store.pointerUp();
    const unsent = this.autosave.dirty && this.autosave.getState().revision !== this.sentRevision;
    const draft = unsent ? this.fitKeepalive(this.autosave.snapshot()) : undefined;
    if (unsent && !draft) {
      void this.autosave.flush();
      return false;
    }
    if (draft) this.sentRevision = draft.revision;
    if (kind === 'closing') {
      this.finished = true;
      this.stop();
      void api.release(task.id, { leaseToken: this.leaseToken, ...(draft ? { draft } : {}) }, { keepalive: true }).catch(() => undefined);
    } else if (draft) {
      void api.saveDraft(task.id, draft, { keepalive: true }).catch(() => undefined);
    }
    return true;
  }

  /** The draft as it fits a keepalive request: with its history when that fits, else the mask alone. */
  private fitKeepalive(d: { revision: number } & DraftBody): ({ revision: number } & DraftBody) | undefined {
    const size = (x: object) => JSON.stringify(x).length + 200;
    if (size(d) <= KEEPALIVE_MAX_CHARS) return d;
    const bare = { ...d, history: null };
    return size(bare) <= KEEPALIVE_MAX_CHARS ? bare : undefined;
  }

  /** Back from the back/forward cache after 'closing' released the task: take it again. */
  async resume(): Promise<void> {
    if (!this.finished || this.state.busy) return;
    this.finished = false;
    if (await this.reopen()) this.start();
  }
}
