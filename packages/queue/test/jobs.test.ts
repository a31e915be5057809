import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JOBS, JobPayloadError, parseJob, parseSchedule } from '../src/index.ts';

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
      const sample = { projectId: 'p', roundId: 'r', trigger: 'manual', preset: 'face-swap', seed: 1, size: 64, counts: { train: 1, val: 1, test: 1 }, requestId: 'q', path: 'a', layout: 'folder', masksAs: 'training' };
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
