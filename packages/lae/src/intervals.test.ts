import { describe, expect, it } from 'vitest';
import { aucInterval, wilsonInterval } from './intervals.ts';
import { locationPrior, locationPriorIoU } from './location-prior.ts';

// Reference values computed by hand from the closed forms (Wilson 1927; Hanley & McNeil 1982).
describe('wilsonInterval', () => {
  it('matches the closed form', () => {
    const [lo, hi] = wilsonInterval(50, 100);
    expect(lo).toBeCloseTo(0.4038315, 6);
    expect(hi).toBeCloseTo(0.5961685, 6);
    const [lo2, hi2] = wilsonInterval(83, 100);
    expect(lo2).toBeCloseTo(0.74452, 5);
    expect(hi2).toBeCloseTo(0.891064, 5);
  });
  it('stays inside [0, 1] at the edges and is [0, 1] without data', () => {
    expect(wilsonInterval(0, 10)[0]).toBe(0);
    expect(wilsonInterval(0, 10)[1]).toBeCloseTo(0.2775328, 6);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/within 0…n/);
  });
});

describe('aucInterval', () => {
  it('matches Hanley & McNeil', () => {
    const [lo, hi] = aucInterval(0.5, 200, 200)!;
    expect(lo).toBeCloseTo(0.44335, 5);
    expect(hi).toBeCloseTo(0.55665, 5);
    const [lo2, hi2] = aucInterval(0.9, 500, 500)!;
    expect(lo2).toBeCloseTo(0.880226, 5);
    expect(hi2).toBeCloseTo(0.919774, 5);
  });
  it('is null without both classes or without an AUC', () => {
    expect(aucInterval(0.7, 0, 10)).toBeNull();
    expect(aucInterval(NaN, 10, 10)).toBeNull();
  });
});

describe('location prior', () => {
  it('is the masks’ mean location scaled to [0, 1], and scores the IoU location alone earns', () => {
    // 2×2 images: two masks on the top-left pixel, one also on the top-right.
    const prior = locationPrior([Uint8Array.of(1, 1, 0, 0), Uint8Array.of(1, 0, 0, 0)], 4);
    expect(Array.from(prior)).toEqual([1, 0.5, 0, 0]);
    // Threshold 0.6 keeps only the top-left pixel: IoU 1 with a top-left mask, 0 with a bottom-right one.
    expect(locationPriorIoU(prior, [Uint8Array.of(1, 0, 0, 0), Uint8Array.of(0, 0, 0, 1)], 0.6)).toBeCloseTo(0.5, 9);
    expect(locationPriorIoU(prior, [], 0.5)).toBeNull();
    expect(() => locationPrior([Uint8Array.of(1)], 4)).toThrow(/4 pixels/);
  });
});
