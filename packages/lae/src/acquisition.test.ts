import { describe, expect, it } from 'vitest';
import { selectBatch, type Candidate } from './acquisition.ts';

function cand(id: string, margin: number, emb: number[]): Candidate {
  return { id, uncertainty: { margin, entropy: margin / 2, attention: 1 - margin, bald: margin / 4 }, embedding: Float32Array.from(emb) };
}

// Cluster A (near the origin) holds the most uncertain samples; cluster B (far away) slightly less uncertain ones.
const pool: Candidate[] = [cand('a1', 0.99, [0, 0]), cand('a2', 0.98, [0.01, 0]), cand('a3', 0.97, [0, 0.01]), cand('b1', 0.9, [10, 10]), cand('b2', 0.89, [10, 10.01]), cand('c1', 0.1, [5, -5])];

describe('acquisition', () => {
  it('pure uncertainty ranking takes the top-k of the strategy', () => {
    expect(selectBatch(pool, { strategy: 'margin', k: 3, seed: 1, diversity: 0 }).ids).toEqual(['a1', 'a2', 'a3']);
    // attention strategy: 1 − margin here, so the least-margin sample comes first
    expect(selectBatch(pool, { strategy: 'attention', k: 1, seed: 1, diversity: 0 }).ids).toEqual(['c1']);
  });

  it('k-center diversity spreads the batch over clusters', () => {
    const ids = selectBatch(pool, { strategy: 'margin', k: 2, seed: 1, diversity: 0.8, poolFactor: 2 }).ids;
    expect(ids[0]).toBe('a1');
    expect(ids[1]!.startsWith('b')).toBe(true);
  });

  it('is deterministic given a seed; random differs between seeds', () => {
    const big = Array.from({ length: 50 }, (_, i) => cand(`x${i}`, (i * 37) % 50 / 50, [i % 7, i % 5]));
    const a = selectBatch(big, { strategy: 'random', k: 10, seed: 7 }).ids;
    expect(selectBatch(big, { strategy: 'random', k: 10, seed: 7 }).ids).toEqual(a);
    expect(selectBatch(big, { strategy: 'random', k: 10, seed: 8 }).ids).not.toEqual(a);
    const b = selectBatch(big, { strategy: 'bald', k: 10, seed: 3, diversity: 0.5 }).ids;
    expect(selectBatch(big, { strategy: 'bald', k: 10, seed: 3, diversity: 0.5 }).ids).toEqual(b);
    expect(new Set(b).size).toBe(10);
  });

  it('rejects bad arguments', () => {
    expect(() => selectBatch(pool, { strategy: 'margin', k: 2, seed: 1, diversity: 2 })).toThrow(/diversity/);
    expect(() => selectBatch(pool, { strategy: 'margin', k: -1, seed: 1 })).toThrow(/k must/);
    expect(() => selectBatch([{ id: 'n' }], { strategy: 'entropy', k: 1, seed: 1 })).toThrow(/no uncertainty/);
    expect(selectBatch([{ id: 'n' }], { strategy: 'random', k: 5, seed: 1 }).ids).toEqual(['n']);
  });
});
