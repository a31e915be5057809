import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.ts';
import { parseConfig } from './config.ts';
import { compositePair, featherMask, pairsOf } from './counterfactual.ts';
import { batchTensors, disposeBatch, packSamples, type LabeledSample } from './dataset.ts';

describe('mask-guided counterfactuals', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('feathers a mask by a clamped separable box blur', () => {
    const m = new Float32Array(25);
    m[12] = 1; // centre of 5×5
    const a = featherMask(m, 5, 1);
    expect(a[12]).toBeCloseTo(1 / 9, 6);
    expect(a[6]).toBeCloseTo(1 / 9, 6); // diagonal neighbour
    expect(a[0]).toBe(0);
    const full = featherMask(new Float32Array(25).fill(1), 5, 1);
    expect(Math.min(...full)).toBeCloseTo(1, 6); // edges clamp, so a full mask stays 1
    expect(Array.from(featherMask(m, 5, 0))).toEqual(Array.from(m));
  });

  it('swaps what lies inside the mask between a fake and a real', () => {
    const f = Float32Array.from([1, 1, 1, 0.2, 0.2, 0.2]);
    const r = Float32Array.from([0, 0, 0, 0.6, 0.6, 0.6]);
    const alpha = Float32Array.from([1, 0.25]);
    const real = new Float32Array(6);
    const fake = new Float32Array(6);
    compositePair(f, r, alpha, real, fake);
    expect(Array.from(real)).toEqual([0, 0, 0, 0.25 * 0.6 + 0.75 * 0.2, 0.25 * 0.6 + 0.75 * 0.2, 0.25 * 0.6 + 0.75 * 0.2].map(Math.fround));
    expect(Array.from(fake)).toEqual([1, 1, 1, 0.25 * 0.2 + 0.75 * 0.6, 0.25 * 0.2 + 0.75 * 0.6, 0.25 * 0.2 + 0.75 * 0.6].map(Math.fround));
  });

  it('pairs the k-th masked fake with the k-th real, cycling; none without reals', () => {
    expect(pairsOf([1, 0, 1, 1, 0], [1, 0, 0, 1, 0])).toEqual([
      [0, 1],
      [3, 4],
    ]);
    expect(pairsOf([0, 1, 1], [0, 1, 1])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(pairsOf([1, 1], [1, 1])).toEqual([]);
  });

  it('a batch grows by a real-in-context and a moved forgery per masked fake, with the right labels, masks and pixels', () => {
    const c = parseConfig({ imageSize: 32 });
    const S = 32;
    const img = (v: number) => ({ data: new Uint8Array(S * S * 3).fill(v), width: S, height: S, channels: 3 as const });
    const mask = new Uint8Array(S * S);
    for (let y = 8; y < 24; y++) for (let x = 8; x < 24; x++) mask[y * S + x] = 1;
    const samples: LabeledSample[] = [
      { image: img(255), label: 'fake', mask: { data: mask, width: S, height: S } },
      { image: img(0), label: 'real' },
      { image: img(51), label: 'fake' },
    ];
    const d = packSamples(samples, c);
    const plain = batchTensors(d, [0, 1, 2]);
    expect(plain.x.shape[0]).toBe(3);
    disposeBatch(plain);
    const b = batchTensors(d, [0, 1, 2], true);
    try {
      expect(b.x.shape).toEqual([5, S, S, 3]);
      expect(Array.from(b.labels.dataSync())).toEqual([1, 0, 1, 0, 1]);
      expect(Array.from(b.masked.dataSync())).toEqual([1, 0, 0, 0, 1]);
      expect(b.maskedCount).toBe(2);
      const x = b.x.dataSync();
      const at = (j: number, yy: number, xx: number) => x[((j * S + yy) * S + xx) * 3]!;
      // Real-in-context: the real's content (0) deep inside the mask, the fake's (1) far outside it.
      expect(at(3, 16, 16)).toBeCloseTo(0, 6);
      expect(at(3, 2, 2)).toBeCloseTo(1, 6);
      // Moved forgery: the fake's content inside, the real's outside, feathered in between.
      expect(at(4, 16, 16)).toBeCloseTo(1, 6);
      expect(at(4, 2, 2)).toBeCloseTo(0, 6);
      expect(at(4, 16, 8)).toBeGreaterThan(0.2);
      expect(at(4, 16, 8)).toBeLessThan(0.8);
      // The moved forgery carries its fake's mask on the attention grid.
      const o = b.outside.arraySync();
      expect(o[4]).toEqual(o[0]);
    } finally {
      disposeBatch(b);
    }
  });
});
