import { describe, expect, it } from 'vitest';
import { configOverrideProblems, trainingPlan } from './config-overrides.ts';

describe('configOverrideProblems', () => {
  it('accepts valid overrides, nested ones included', () => {
    expect(configOverrideProblems({})).toEqual([]);
    expect(configOverrideProblems({ lambdaAtt: 2, train: { epochs: 30 } })).toEqual([]);
  });
  it('names an out-of-range value by its path', () => {
    expect(configOverrideProblems({ train: { epochs: -5 } })).toEqual([expect.stringMatching(/^train\.epochs: /)]);
  });
  it('names unknown settings, top level and nested, instead of dropping them', () => {
    const problems = configOverrideProblems({ foo: 1, train: { epoch: 3 } });
    expect(problems).toEqual([expect.stringMatching(/^foo: is not a model setting \(settings: .*lambdaAtt/), expect.stringMatching(/^train\.epoch: is not a model setting/)]);
  });
  it('refuses non-objects and imageSize (the project setting)', () => {
    expect(configOverrideProblems([1])).toEqual(['must be a JSON object, e.g. {"train":{"epochs":30}}']);
    expect(configOverrideProblems({ imageSize: 64 })).toEqual([expect.stringMatching(/^imageSize: is the project's image size/)]);
  });
});

describe('trainingPlan', () => {
  it('says how rounds train: warm from the promoted model by default, capped at a scratch round, or all from scratch', () => {
    expect(trainingPlan({})).toBe('A round trains 60 epochs from scratch until a model is promoted, then 15 epochs on from the promoted one (cosine learning rate; train.warmEpochs 0: every round from scratch).');
    expect(trainingPlan({ train: { epochs: 4 } })).toBe('A round trains 4 epochs from scratch until a model is promoted, then 4 epochs on from the promoted one (cosine learning rate; train.warmEpochs 0: every round from scratch).');
    expect(trainingPlan({ train: { warmEpochs: 1, warmSchedule: 'constant' } })).toMatch(/then 1 epoch on from the promoted one \(constant learning rate; /);
    expect(trainingPlan({ train: { warmEpochs: 0, epochs: 1 } })).toBe('Every round trains 1 epoch from scratch.');
    expect(trainingPlan({ train: { epochs: -1 } })).toBeNull();
    expect(trainingPlan({ foo: 1 })).toBeNull();
  });
});
