import { realTimers, type Timers } from './backoff';
import { TransientError, type Answer } from './api';

export type LeaseStatus = 'held' | 'unreachable' | 'lost';

/**
 * Heartbeats the task's lease while the editor is open: every third of the TTL (at most a minute), sooner
 * after a network failure. A 409 means the lease was lost (it expired and was reclaimed): the editor says so.
 */
export class LeaseKeeper {
  status: LeaseStatus = 'held';
  private timer: unknown = null;
  private stopped = false;
  private readonly timers: Timers;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly opts: { ttlSeconds: number; heartbeat(): Promise<Answer<{ leaseExpiresAt: string }>>; timers?: Timers },
  ) {
    this.timers = opts.timers ?? realTimers;
  }

  getStatus = () => this.status;
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  get intervalMs(): number {
    return Math.max(1000, Math.min(60_000, (this.opts.ttlSeconds * 1000) / 3));
  }

  start() {
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  stop() {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** A new lease was taken (reopened): held again, heartbeats resume. */
  restart() {
    this.stop();
    this.setStatus('held');
    this.start();
  }

  async beat(): Promise<void> {
    try {
      const answer = await this.opts.heartbeat();
      this.setStatus(answer.status === 200 ? 'held' : 'lost');
      if (answer.status === 200) this.schedule(this.intervalMs);
    } catch (err) {
      if (!(err instanceof TransientError)) throw err;
      this.setStatus('unreachable');
      this.schedule(Math.min(this.intervalMs, 5000));
    }
  }

  private setStatus(status: LeaseStatus) {
    if (status === this.status) return;
    this.status = status;
    for (const l of this.listeners) l();
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => void this.beat(), ms);
  }
}
