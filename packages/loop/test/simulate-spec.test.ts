import { describe, expect, it } from 'vitest';
import { parseConfig } from '@lae-studio/lae';
import { mergedSpec, sameExperiment, scheduleOf, simulationModelConfig, type SimulationSpec } from '../src/simulate/simulate.ts';

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

describe('the model config of a simulation', () => {
  it('trains every round from scratch unless the spec asks for warm rounds, and keeps the rest of the spec', () => {
    expect(parseConfig(simulationModelConfig(spec, 7)).train.warmEpochs).toBe(0);
    expect(parseConfig({}).train.warmEpochs).toBeGreaterThan(0); // what the pin overrides: user projects warm-start
    const own = simulationModelConfig({ modelConfig: { lambdaAtt: 2, train: { epochs: 30, warmEpochs: 10 } } }, 7);
    expect(own).toEqual({ lambdaAtt: 2, train: { epochs: 30, warmEpochs: 10 }, seed: 7 });
    expect(simulationModelConfig({ modelConfig: { train: { epochs: 30 } } }, 3)).toEqual({ train: { warmEpochs: 0, epochs: 30 }, seed: 3 });
  });
});
