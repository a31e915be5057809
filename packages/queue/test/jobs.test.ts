import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOBS, JobPayloadError, jobIdFor, parseJob, parsePayload, parseSchedule } from '../src/index.ts';

describe('job contracts', () => {
  it('accept a well-formed envelope and refuse other versions', () => {
    expect(parseJob('train', { v: 1, payload: { roundId: 'r1' } })).toEqual({ key: 'train', payload: { roundId: 'r1' } });
    expect(() => parseJob('train', { v: 2, payload: { roundId: 'r1' } })).toThrow(/version 2/);
    expect(() => parseJob('train', { v: 1, payload: { roundId: 'r1', extra: 1 } })).toThrow(JobPayloadError);
    expect(() => parseJob('nope', { v: 1, payload: {} })).toThrow(/unknown job name/);
  });

  it('never throw anything but a JobPayloadError on arbitrary data (fuzzed)', () => {
    const names = [...Object.values(JOBS).map((j) => j.name), 'x', ''];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.oneof(fc.anything(), fc.record({ v: fc.anything(), payload: fc.anything() }), fc.record({ v: fc.constant(1), payload: fc.dictionary(fc.string(), fc.anything()) })), (name, data) => {
        try {
          parseJob(name, data);
          return true;
        } catch (err) {
          return err instanceof JobPayloadError;
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('give every job a deterministic id without ":" (BullMQ reserves it)', () => {
    for (const def of Object.values(JOBS)) {
      const sample = { projectId: 'p', roundId: 'r', trigger: 'manual', preset: 'face-swap', seed: 1, size: 64, counts: { train: 1, val: 1, test: 1 }, requestId: 'q', path: 'a', layout: 'folder', masksAs: 'training', exportId: 'e' };
      const id = def.jobId(sample as never);
      expect(id).not.toContain(':');
      expect(def.jobId(sample as never)).toBe(id);
    }
  });
});

describe('retrain schedules', () => {
  it('parse intervals and cron patterns, refusing nonsense with a clear message', () => {
    expect(parseSchedule('every 6h')).toEqual({ every: 6 * 3_600_000 });
    expect(parseSchedule(' every 30 s')).toEqual({ every: 30_000 });
    expect(parseSchedule('0 3 * * *')).toEqual({ pattern: '0 3 * * *' });
    expect(() => parseSchedule('every 1s')).toThrow(/at least 5 s/);
    expect(() => parseSchedule('whenever')).toThrow(/neither/);
  });
});

describe('job ids come from database state, never from the clock', () => {
  it('names a round-open request by the project latest round: the same state is one job, any change a new one', () => {
    const id = (after: { number: number; status: string } | null, trigger: 'manual' | 'auto' = 'manual') => jobIdFor('openRound', { projectId: 'p1', trigger, after });
    expect(id(null)).toBe('round.open.p1.none.manual');
    expect(id({ number: 0, status: 'annotating' })).toBe('round.open.p1.0-annotating.manual');
    expect(id({ number: 0, status: 'annotating' })).toBe(id({ number: 0, status: 'annotating' }));
    expect(new Set([id(null), id({ number: 0, status: 'annotating' }), id({ number: 0, status: 'completed' }), id({ number: 0, status: 'completed' }, 'auto')]).size).toBe(4);
    for (const s of [id(null), id({ number: 3, status: 'cancelled' })]) expect(s).not.toContain(':');
  });

  it('parses a job into a union discriminated by key, and refuses a bad producer payload naming the job', () => {
    const job = parseJob('round.open', { v: 1, payload: { projectId: 'p', trigger: 'auto', after: { number: 2, status: 'completed' } } });
    if (job.key !== 'openRound') throw new Error(`parsed as ${job.key}`);
    expect(job.payload.after).toEqual({ number: 2, status: 'completed' });
    expect(() => parsePayload('openRound', { projectId: 'p', trigger: 'later' })).toThrow(/^round\.open: /);
    expect(() => parsePayload('openRound', { projectId: 'p', trigger: 'auto', after: { number: -1, status: 'completed' } })).toThrow(JobPayloadError);
  });
});
