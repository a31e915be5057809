import { describe, expect, it } from 'vitest';
import { accuracy, attentionIoU, equalErrorRate, pointingGame, rocAuc } from './metrics.ts';

describe('metrics', () => {
  it('accuracy thresholds p(fake) at 0.5', () => {
    expect(accuracy([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 1])).toBe(0.5);
    expect(accuracy([0.9, 0.2], [1, 0])).toBe(1);
    expect(Number.isNaN(accuracy([], []))).toBe(true);
  });

  it('ROC AUC equals the share of correctly ordered (fake, real) pairs, ties counting one half', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    // pairs (fake, real): (0.6,0.1)✓ (0.6,0.7)✗ (0.4,0.1)✓ (0.4,0.7)✗ → 0.5; plus a tie case below
    expect(rocAuc([0.1, 0.7, 0.6, 0.4], [0, 0, 1, 1])).toBe(0.5);
    expect(rocAuc([0.5, 0.5, 0.5], [0, 1, 1])).toBe(0.5);
    expect(Number.isNaN(rocAuc([0.1, 0.2], [1, 1]))).toBe(true);
  });

  it('EER: 0 when separable, 0.5 when reversed, interpolated in between', () => {
    expect(equalErrorRate([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(0);
    expect(equalErrorRate([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBeCloseTo(1, 6);
    // one real above one fake among 2+2: at the threshold between, FPR = FNR = 0.5 … the crossing is 0.5
    const eer = equalErrorRate([0.1, 0.6, 0.4, 0.9], [0, 0, 1, 1]);
    expect(eer).toBeGreaterThan(0.2);
    expect(eer).toBeLessThan(0.6);
  });

  it('attention IoU thresholds the map', () => {
    const map = [0.9, 0.6, 0.2, 0.0];
    const mask = [1, 0, 1, 0];
    // thresholded at 0.5: {0,1}; mask {0,2}: inter 1, union 3
    expect(attentionIoU(map, mask, 0.5)).toBeCloseTo(1 / 3, 6);
    expect(attentionIoU(map, mask, 0.1)).toBeCloseTo(2 / 3, 6);
    expect(attentionIoU([0, 0], [0, 0], 0.5)).toBe(1);
  });

  it('pointing game: hit when the maximum lies in the mask (with optional tolerance)', () => {
    // 3×3 map, maximum at (row 1, col 2)
    const map = [0, 0, 0, 0, 0, 1, 0, 0, 0];
    expect(pointingGame(map, [0, 0, 0, 0, 0, 1, 0, 0, 0], 3)).toBe(1);
    expect(pointingGame(map, [0, 0, 0, 1, 0, 0, 0, 0, 0], 3)).toBe(0);
    expect(pointingGame(map, [0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 1)).toBe(1);
  });
});
