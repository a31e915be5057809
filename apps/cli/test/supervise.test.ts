import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CrashCounter, supervise, type RestartPolicy } from '../src/supervise.ts';

const policy: RestartPolicy = { maxRestarts: 3, initialDelayMs: 100, maxDelayMs: 300, stableMs: 1_000 };

describe('CrashCounter', () => {
  it('backs off exponentially up to the cap, then gives up after maxRestarts', () => {
    const c = new CrashCounter(policy);
    expect(c.crashed(10)).toEqual({ restart: true, delayMs: 100, attempt: 1 });
    expect(c.crashed(10)).toEqual({ restart: true, delayMs: 200, attempt: 2 });
    expect(c.crashed(10)).toEqual({ restart: true, delayMs: 300, attempt: 3 });
    expect(c.crashed(10)).toEqual({ restart: false, crashes: 4 });
  });

  it('forgives earlier crashes once the process stayed up for stableMs', () => {
    const c = new CrashCounter(policy);
    c.crashed(10);
    c.crashed(10);
    expect(c.crashed(5_000)).toEqual({ restart: true, delayMs: 100, attempt: 1 });
  });
});

describe('supervise (real child processes)', () => {
  it('restarts a killed process, and stop() ends it without another restart', async () => {
    const logs: string[] = [];
    const s = supervise({ name: 'sleeper', spawn: () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']), policy, log: (l) => logs.push(l), onGiveUp: () => logs.push('gave up') });
    const first = s.current();
    await new Promise((r) => setTimeout(r, 200));
    first.kill('SIGKILL');
    await expect.poll(() => s.current().pid !== first.pid && s.current().exitCode === null, { timeout: 5_000 }).toBe(true);
    expect(logs[0]).toMatch(/sleeper exited unexpectedly \(signal SIGKILL\); restarting in 0 s \(restart 1 of 3\)/);
    const second = s.current();
    await s.stop(2_000);
    expect(second.signalCode).toBe('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(s.current()).toBe(second);
    expect(logs).not.toContain('gave up');
  });

  it('gives up with a clear message when the process keeps crashing', async () => {
    let spawned = 0;
    const gaveUp = new Promise<string>((resolve) => {
      supervise({
        name: 'crasher',
        spawn: () => {
          spawned++;
          return spawn(process.execPath, ['-e', 'process.exit(3)']);
        },
        policy,
        log: () => {},
        onGiveUp: resolve,
      });
    });
    expect(await gaveUp).toBe('crasher crashed 4 times in a row (last: code 3); giving up');
    expect(spawned).toBe(4);
  });
});
