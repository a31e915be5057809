import { describe, expect, it } from 'vitest';
import { configOverrideProblems } from './config-overrides.ts';

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
