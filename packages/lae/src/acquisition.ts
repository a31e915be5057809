// Active-learning batch selection: an uncertainty strategy, de-duplicated by k-center greedy on embeddings.
import { rng } from './rng.ts';
import { type Uncertainty } from './score.ts';

export const strategies = ['margin', 'entropy', 'attention', 'bald', 'random'] as const;
export type Strategy = (typeof strategies)[number];

export interface Candidate {
  id: string;
  /** From score(); ignored by 'random'. */
  uncertainty?: Uncertainty;
  /** From score(); without it diversity is skipped for this candidate's distances (treated as far from all). */
  embedding?: Float32Array;
}

export interface SelectOptions {
  strategy: Strategy;
  /** How many to pick. */
  k: number;
  /** Seed: ties and 'random' are reproducible. */
  seed: number;
  /** Mixing weight in [0,1]: 0 = pure uncertainty ranking, 1 = pure k-center diversity. Default 0.5. */
  diversity?: number;
  /** Only the top k × poolFactor by uncertainty enter the diversity stage. Default 4 (≥ 1). */
  poolFactor?: number;
}

export interface Selection {
  ids: string[];
  /** The strategy's raw uncertainty of each picked candidate. */
  scores: number[];
}

function distance(a: Float32Array | undefined, b: Float32Array | undefined): number {
  if (!a || !b) return Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - (b[i] ?? 0)) ** 2;
  return Math.sqrt(s);
}

export function uncertaintyOf(c: Candidate, strategy: Strategy, rand: () => number): number {
  if (strategy === 'random') return rand();
  if (!c.uncertainty) throw new Error(`LAE: candidate ${c.id} has no uncertainty for strategy '${strategy}'`);
  return c.uncertainty[strategy];
}

/** Picks k candidates; deterministic for a given seed and input order. */
export function selectBatch(candidates: readonly Candidate[], opts: SelectOptions): Selection {
  const lambda = opts.diversity ?? 0.5;
  if (lambda < 0 || lambda > 1) throw new Error('LAE: diversity must be in [0,1]');
  if (!Number.isInteger(opts.k) || opts.k < 0) throw new Error('LAE: k must be a non-negative integer');
  const rand = rng(opts.seed);
  const scored = candidates.map((c) => ({ c, u: uncertaintyOf(c, opts.strategy, rand), tie: rand() }));
  scored.sort((a, b) => b.u - a.u || a.tie - b.tie);
  const k = Math.min(opts.k, scored.length);
  if (opts.strategy === 'random' || lambda === 0) {
    const top = scored.slice(0, k);
    return { ids: top.map((s) => s.c.id), scores: top.map((s) => s.u) };
  }
  const pool = scored.slice(0, Math.min(scored.length, Math.max(k, Math.ceil(k * Math.max(1, opts.poolFactor ?? 4)))));
  const uMin = pool[pool.length - 1]?.u ?? 0;
  const uMax = pool[0]?.u ?? 1;
  const uNorm = pool.map((s) => (uMax > uMin ? (s.u - uMin) / (uMax - uMin) : 1));
  const minDist = pool.map(() => Infinity);
  const picked: number[] = [];
  const taken = new Set<number>();
  while (picked.length < k) {
    let finite = 0;
    for (let i = 0; i < pool.length; i++) if (!taken.has(i) && Number.isFinite(minDist[i]!)) finite = Math.max(finite, minDist[i]!);
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken.has(i)) continue;
      // k-center greedy term: distance to the nearest pick, scaled to [0,1] (1 before the first pick).
      const d = picked.length === 0 ? 1 : Number.isFinite(minDist[i]!) ? (finite > 0 ? minDist[i]! / finite : 0) : 1;
      const score = (1 - lambda) * uNorm[i]! + lambda * d;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    picked.push(best);
    taken.add(best);
    for (let i = 0; i < pool.length; i++) minDist[i] = Math.min(minDist[i]!, distance(pool[i]!.c.embedding, pool[best]!.c.embedding));
  }
  return { ids: picked.map((i) => pool[i]!.c.id), scores: picked.map((i) => pool[i]!.u) };
}
