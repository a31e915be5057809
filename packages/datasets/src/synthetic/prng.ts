// A seeded PRNG kept in the repository on purpose: a benchmark is identified by its seed, so the exact
// sequence must never change with a dependency upgrade. sfc32 (Chris Doty-Humphrey's Small Fast Counting
// generator, public domain) passes PractRand and BigCrush and is a few lines; splitmix32 expands seeds.

/** Mixes any number of 32-bit parts into one well-spread 32-bit seed (splitmix32 finaliser per part). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
    h = (h + 0x9e3779b9) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1a of a string seed, so `--seed paper` works as well as `--seed 42`. */
export function seedFrom(seed: number | string): number {
  if (typeof seed === 'number') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    return deriveSeed(seed >>> 0, Math.floor(seed / 2 ** 32) >>> 0);
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return deriveSeed(h);
}

/** Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9). */
function inverseNormalCdf(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - low) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** 65,536 equiprobable normal quantiles: per-pixel sensor noise costs one table look-up, not a log and a sin. */
const NORMAL_TABLE = Float32Array.from({ length: 65536 }, (_, i) => inverseNormalCdf((i + 0.5) / 65536));

export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Approximately standard normal from a quantile table; for per-pixel noise. */
  gauss(): number;
  /** Fills `out` with approximately normal values × sigma (two per 32-bit draw); for per-pixel noise. */
  fillGauss(out: Float32Array, sigma: number): Float32Array;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  bool(p?: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number): Rng {
  let a = deriveSeed(seed, 1);
  let b = deriveSeed(seed, 2);
  let c = deriveSeed(seed, 3);
  let d = 1;
  let spare: number | null = null;
  const uint32 = (): number => {
    d = (d + 1) >>> 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const next = (): number => uint32() / 4294967296;
  for (let i = 0; i < 12; i++) uint32(); // warm up
  return {
    uint32,
    next,
    gauss: () => NORMAL_TABLE[uint32() >>> 16] as number,
    fillGauss: (out, sigma) => {
      // uint32() inlined with the state in locals, and each draw split into two 16-bit table indices:
      // this loop runs for every sample of every image.
      let sa = a;
      let sb = b;
      let sc = c;
      let sd = d;
      for (let i = 0; i < out.length; i += 2) {
        sd = (sd + 1) >>> 0;
        const t = (((sa + sb) >>> 0) + sd) >>> 0;
        sa = sb ^ (sb >>> 9);
        sb = (sc + (sc << 3)) >>> 0;
        sc = ((sc << 21) | (sc >>> 11)) >>> 0;
        sc = (sc + t) >>> 0;
        out[i] = (NORMAL_TABLE[t >>> 16] as number) * sigma;
        if (i + 1 < out.length) out[i + 1] = (NORMAL_TABLE[t & 0xffff] as number) * sigma;
      }
      a = sa;
      b = sb;
      c = sc;
      d = sd;
      return out;
    },
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    bool: (p = 0.5) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}
