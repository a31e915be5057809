import type { RlePayload } from '@/contracts/mask';
import { backoffMs, realTimers, type Timers } from './backoff';
import { TransientError, type Answer } from './api';

/** What a draft carries: the mask and the editor's undo history (base64, null when none). */
export interface DraftBody {
  mask: RlePayload;
  history: string | null;
}

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'retrying' | 'conflict' | 'failed';

export interface AutosaveState {
  status: SaveStatus;
  /** Newest local revision (what the annotator sees). */
  revision: number;
  /** Newest revision the server confirmed. */
  savedRevision: number;
  attempt: number;
  retryAt: number | null;
  message: string | null;
}

export interface AutosaveOptions {
  /** The revision of the draft the editor started from (0 for none): local revisions continue from it. */
  baseRevision: number;
  encode(): DraftBody;
  save(revision: number, draft: DraftBody): Promise<Answer<{ revision: number }>>;
  debounceMs?: number;
  timers?: Timers;
  /** Round-trip times of successful saves, for the benchmark. */
  onSaved?(ms: number): void;
}

/**
 * Autosaves the draft after each committed change (debounced), with a client revision so an older save
 * arriving late never overwrites a newer one. A network failure or 5xx keeps the change and retries with
 * backoff, visibly; a 409 means a newer draft exists (another tab), a 4xx that the save is refused.
 */
export class DraftAutosave {
  private state: AutosaveState;
  private readonly listeners = new Set<() => void>();
  private timer: unknown = null;
  private inFlight = false;
  private disposed = false;
  private readonly timers: Timers;

  constructor(private readonly opts: AutosaveOptions) {
    this.timers = opts.timers ?? realTimers;
    this.state = { status: 'saved', revision: opts.baseRevision, savedRevision: opts.baseRevision, attempt: 0, retryAt: null, message: null };
  }

  getState = () => this.state;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  private set(patch: Partial<AutosaveState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** A change was committed (stroke end, undo, prefill): save soon. */
  changed() {
    if (this.disposed) return;
    const keep = this.state.status === 'retrying' || this.state.status === 'conflict' || this.state.status === 'saving';
    this.set({ revision: this.state.revision + 1, status: keep ? this.state.status : 'pending' });
    if (!keep) this.schedule(this.opts.debounceMs ?? 400);
  }

  /** Save now (e.g. before leaving); resolves when the newest revision is saved or saving failed. */
  async flush(): Promise<void> {
    this.clearTimer();
    await this.run();
  }

  /** The newest revision as it would be saved now: for a last request that outlives the page. */
  snapshot(): { revision: number } & DraftBody {
    return { revision: this.state.revision, ...this.opts.encode() };
  }

  get dirty(): boolean {
    return this.state.savedRevision < this.state.revision;
  }

  /** (Re)activates after dispose(): components mount, unmount and mount again (React StrictMode). */
  start() {
    this.disposed = false;
    if (this.dirty && this.state.status === 'pending') this.schedule(this.opts.debounceMs ?? 400);
  }

  dispose() {
    this.disposed = true;
    this.clearTimer();
  }

  private schedule(ms: number) {
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
  }

  private clearTimer() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (this.inFlight || this.disposed || !this.dirty || this.state.status === 'conflict') return;
    this.inFlight = true;
    const revision = this.state.revision;
    this.set({ status: 'saving' });
    const started = this.timers.now();
    try {
      const answer = await this.opts.save(revision, this.opts.encode());
      if (answer.status === 200) {
        this.opts.onSaved?.(this.timers.now() - started);
        this.set({ savedRevision: Math.max(this.state.savedRevision, revision), attempt: 0, retryAt: null, message: null });
        this.set({ status: this.dirty ? 'pending' : 'saved' });
      } else if (answer.status === 409) {
        this.set({ status: 'conflict', message: answer.body.message ?? 'A newer draft of this task was saved elsewhere.' });
      } else {
        this.set({ status: 'failed', message: answer.body.message ?? `The server refused the draft (${answer.status}).` });
      }
    } catch (err) {
      if (!(err instanceof TransientError)) throw err;
      const attempt = this.state.attempt + 1;
      const delay = backoffMs(attempt);
      this.set({ status: 'retrying', attempt, retryAt: this.timers.now() + delay, message: err.message });
      this.inFlight = false;
      this.schedule(delay);
      return;
    }
    this.inFlight = false;
    if (this.dirty && this.state.status === 'pending') this.schedule(this.opts.debounceMs ?? 400);
  }
}
