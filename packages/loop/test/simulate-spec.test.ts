import { describe, expect, it } from 'vitest';
import { mergedSpec, sameExperiment, scheduleOf, type SimulationSpec } from '../src/simulate/simulate.ts';

const spec: SimulationSpec = { preset: 'face-swap', version: 'v2', strategies: ['random'], rounds: 2, perRound: 15, seeds: [1, 2], size: 64, counts: { train: 2000, val: 400, test: 2000 }, modelConfig: {}, schedule: { random: { rounds: 1, perRound: 30 } } };

describe('resuming a simulation', () => {
  it('is the same experiment whatever the seeds, arms and control; not when data or model differ', () => {
    expect(sameExperiment(spec, { ...spec, seeds: [3], strategies: ['margin'], control: true })).toBe(true);
    expect(sameExperiment(spec, { ...spec, counts: { train: 1000, val: 400, test: 2000 } })).toBe(false);
    expect(sameExperiment(spec, { ...spec, modelConfig: { lambdaAtt: 2 } })).toBe(false);
    expect(sameExperiment(spec, { ...spec, version: 'v1' })).toBe(false);
  });

  it('reports the union of seeds and arms, and each arm on its schedule', () => {
    const merged = mergedSpec(spec, { ...spec, seeds: [2, 3], strategies: ['margin', 'random'], schedule: {}, control: true });
    expect(merged).toMatchObject({ seeds: [1, 2, 3], strategies: ['random', 'margin'], control: true });
    expect(scheduleOf(merged, 'random')).toEqual({ rounds: 1, perRound: 30 });
    expect(scheduleOf(merged, 'margin')).toEqual({ rounds: 2, perRound: 15 });
  });
});
