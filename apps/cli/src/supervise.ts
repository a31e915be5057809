import type { ChildProcess } from 'node:child_process';

/**
 * Restart policy of `npm start`'s children: a crash is followed by a restart after an exponentially growing
 * delay; a process that then stays up for `stableMs` is forgiven its earlier crashes; more than
 * `maxRestarts` crashes without such a stable stretch means restarting cannot help.
 */
export interface RestartPolicy {
  maxRestarts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  stableMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, initialDelayMs: 1_000, maxDelayMs: 30_000, stableMs: 60_000 };

/** What to do after a crash: restart after `delayMs` (restart number `attempt`), or give up. */
export type CrashDecision = { restart: true; delayMs: number; attempt: number } | { restart: false; crashes: number };

/** Pure bookkeeping of one supervised process's crashes (tested without processes or timers). */
export class CrashCounter {
  private crashes = 0;

  constructor(private readonly policy: RestartPolicy) {}

  /** Record a crash of a process that had been up for `uptimeMs`. */
  crashed(uptimeMs: number): CrashDecision {
    if (uptimeMs >= this.policy.stableMs) this.crashes = 0;
    this.crashes += 1;
    if (this.crashes > this.policy.maxRestarts) return { restart: false, crashes: this.crashes };
    const delayMs = Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** (this.crashes - 1));
    return { restart: true, delayMs, attempt: this.crashes };
  }
}

export interface SupervisedProcess {
  readonly name: string;
  /** The running child (replaced on each restart). */
  current(): ChildProcess;
  /** Stop supervising and terminate the child: SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  spawn: () => ChildProcess;
  policy?: RestartPolicy;
  log: (line: string) => void;
  /** Called once when the process crashed more often than the policy allows. */
  onGiveUp: (message: string) => void;
  /** Called after each restart with the new child (e.g. to wait for its health check). */
  onRestart?: (child: ChildProcess, attempt: number) => void;
}

const exitOf = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Run a child process and restart it whenever it exits without being asked to. */
export function supervise(opts: SuperviseOptions): SupervisedProcess {
  const counter = new CrashCounter(opts.policy ?? DEFAULT_RESTART_POLICY);
  let stopping = false;
  let pending: NodeJS.Timeout | null = null;
  let child: ChildProcess;

  const launch = (): ChildProcess => {
    const startedAt = Date.now();
    const c = opts.spawn();
    c.once('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const decision = counter.crashed(Date.now() - startedAt);
      if (!decision.restart) {
        opts.onGiveUp(`${opts.name} crashed ${decision.crashes} times in a row (last: ${how}); giving up`);
        return;
      }
      opts.log(`${opts.name} exited unexpectedly (${how}); restarting in ${(decision.delayMs / 1000).toFixed(0)} s (restart ${decision.attempt} of ${(opts.policy ?? DEFAULT_RESTART_POLICY).maxRestarts})`);
      pending = setTimeout(() => {
        pending = null;
        if (stopping) return;
        child = launch();
        opts.log(`${opts.name} restarted — pid ${child.pid}`);
        opts.onRestart?.(child, decision.attempt);
      }, decision.delayMs);
    });
    return c;
  };
  child = launch();

  return {
    name: opts.name,
    current: () => child,
    async stop(graceMs) {
      stopping = true;
      if (pending) clearTimeout(pending);
      const c = child;
      if (c.exitCode !== null || c.signalCode !== null) return;
      c.kill('SIGTERM');
      const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
      await exitOf(c);
      clearTimeout(timer);
    },
  };
}
