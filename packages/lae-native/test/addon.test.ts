// The addon against plain double-precision loops written from the definitions (not from tfjs or oneDNN), on random
// shapes that cover strides, dilation, uneven padding, 1×1/3×3/5×5 filters and channel counts that take oneDNN's
// blocked paths. CI installs libdnnl-dev, so there the addon must be built; elsewhere these tests say why they skip.
import { describe, expect, it } from 'vitest';
import { loadNativeAddon, type NativeAddon } from '../src/index.ts';

const load = loadNativeAddon();
if (!load.ok && process.env.CI) throw new Error(`CI installs libdnnl-dev, so the native addon must load: ${load.reason}`);
const addon = load.ok ? load.addon : (null as unknown as NativeAddon);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case { n: number; h: number; w: number; ci: number; kh: number; kw: number; co: number; sh: number; sw: number; dh: number; dw: number; pt: number; pb: number; pl: number; pr: number }

const out = (size: number, k: number, d: number, s: number, p0: number, p1: number) => Math.floor((size + p0 + p1 - ((k - 1) * d + 1)) / s) + 1;
const geometry = (c: Case) => Int32Array.from([c.n, c.h, c.w, c.ci, c.kh, c.kw, c.co, out(c.h, c.kh, c.dh, c.sh, c.pt, c.pb), out(c.w, c.kw, c.dw, c.sw, c.pl, c.pr), c.sh, c.sw, c.dh, c.dw, c.pt, c.pb, c.pl, c.pr]);

/** Visits every (output pixel, filter tap) pair that reads an input pixel inside the image. */
function taps(c: Case, visit: (xi: number, wi: number, yi: number) => void): void {
  const oh = out(c.h, c.kh, c.dh, c.sh, c.pt, c.pb);
  const ow = out(c.w, c.kw, c.dw, c.sw, c.pl, c.pr);
  for (let b = 0; b < c.n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let ox = 0; ox < ow; ox++)
        for (let ky = 0; ky < c.kh; ky++)
          for (let kx = 0; kx < c.kw; kx++) {
            const iy = oy * c.sh - c.pt + ky * c.dh;
            const ix = ox * c.sw - c.pl + kx * c.dw;
            if (iy < 0 || iy >= c.h || ix < 0 || ix >= c.w) continue;
            for (let i = 0; i < c.ci; i++)
              for (let o = 0; o < c.co; o++) visit(((b * c.h + iy) * c.w + ix) * c.ci + i, ((ky * c.kw + kx) * c.ci + i) * c.co + o, ((b * oh + oy) * ow + ox) * c.co + o);
          }
}

function maxRelErr(got: Float32Array, want: Float64Array): number {
  let scale = 1e-6;
  let err = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    err = Math.max(err, Math.abs(got[i]! - want[i]!));
  }
  return err / scale;
}

const rand = rng(11);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const cases: Case[] = [];
for (let r = 0; r < 14; r++) {
  const k = pick([1, 3, 5]);
  const d = r % 5 === 4 ? 2 : 1;
  const ext = (k - 1) * d + 1;
  const h = ext + Math.floor(rand() * 9);
  const w = ext + Math.floor(rand() * 9);
  const p = () => Math.floor(rand() * Math.min(k, 3));
  cases.push({ n: 1 + Math.floor(rand() * 3), h, w, ci: pick([1, 3, 8, 16, 19, 32]), kh: k, kw: k, co: pick([1, 4, 8, 16, 24, 40]), sh: pick([1, 2]), sw: pick([1, 2]), dh: d, dw: d, pt: p(), pb: p(), pl: p(), pr: p() });
}
cases.push({ n: 2, h: 9, w: 6, ci: 5, kh: 3, kw: 1, co: 7, sh: 2, sw: 1, dh: 1, dw: 1, pt: 1, pb: 0, pl: 0, pr: 0 }); // non-square filter, strides

describe.skipIf(!load.ok)(`native addon ${load.ok ? `(oneDNN ${load.addon.version()})` : `(skipped: ${load.reason})`}`, () => {
  it.each(cases)('convolution and both gradients match the definition: %o', (c) => {
    const g = geometry(c);
    const xs = Float32Array.from({ length: c.n * c.h * c.w * c.ci }, () => rand() * 2 - 1);
    const ws = Float32Array.from({ length: c.kh * c.kw * c.ci * c.co }, () => rand() * 2 - 1);
    const ys = Float32Array.from({ length: c.n * g[7]! * g[8]! * c.co }, () => rand() * 2 - 1);
    const y = new Float64Array(ys.length);
    const dx = new Float64Array(xs.length);
    const dw = new Float64Array(ws.length);
    taps(c, (xi, wi, yi) => {
      y[yi]! += xs[xi]! * ws[wi]!;
      dx[xi]! += ys[yi]! * ws[wi]!; // ys plays dy
      dw[wi]! += xs[xi]! * ys[yi]!;
    });
    const got = { y: new Float32Array(ys.length), dx: new Float32Array(xs.length), dw: new Float32Array(ws.length) };
    addon.conv2d(xs, ws, got.y, g);
    addon.conv2dBackpropInput(ys, ws, got.dx, g);
    addon.conv2dBackpropFilter(xs, ys, got.dw, g);
    expect(maxRelErr(got.y, y)).toBeLessThan(1e-5);
    expect(maxRelErr(got.dx, dx)).toBeLessThan(1e-5);
    expect(maxRelErr(got.dw, dw)).toBeLessThan(1e-5);
    // The fused form: bias per output channel, then no activation, ReLU, leaky ReLU or sigmoid, in one call.
    const bias = Float32Array.from({ length: c.co }, () => rand() - 0.5);
    const withBias = Float64Array.from(y, (v, i) => v + bias[i % c.co]!);
    for (const [act, f] of [[0, (v: number) => v], [1, (v: number) => Math.max(0, v)], [2, (v: number) => (v > 0 ? v : 0.3 * v)], [3, (v: number) => 1 / (1 + Math.exp(-v))]] as const) {
      const fused = new Float32Array(ys.length);
      addon.conv2dFused(xs, ws, bias, fused, g, act, 0.3);
      expect(maxRelErr(fused, withBias.map(f)), `activation ${act}`).toBeLessThan(1e-5);
    }
    const noBias = new Float32Array(ys.length);
    addon.conv2dFused(xs, ws, null, noBias, g, 2, 0.1);
    expect(maxRelErr(noBias, y.map((v) => (v > 0 ? v : 0.1 * v)))).toBeLessThan(1e-5);
  });

  it.each([[2, 5, 7, 8], [3, 4, 4, 16], [1, 3, 5, 3], [4, 8, 8, 64], [1, 1, 1, 40]])('batch norm + leaky ReLU forward and backward match the definition: %j', (...shape) => {
    const [n, h, w, c] = shape as number[] as [number, number, number, number];
    const len = n * h * w * c;
    const eps = 1e-3;
    const alpha = 0.2;
    const y = Float32Array.from({ length: len }, () => rand() * 4 - 1);
    const gamma = Float32Array.from({ length: c }, () => 0.5 + rand());
    const beta = Float32Array.from({ length: c }, () => rand() - 0.5);
    const dOut = Float32Array.from({ length: len }, () => rand() * 2 - 1);
    const m = new Float64Array(c);
    const v = new Float64Array(c);
    const count = len / c;
    for (let i = 0; i < len; i++) m[i % c]! += y[i]! / count;
    for (let i = 0; i < len; i++) v[i % c]! += (y[i]! - m[i % c]!) ** 2 / count;
    const xh = (i: number) => (y[i]! - m[i % c]!) / Math.sqrt(v[i % c]! + eps);
    const z = (i: number) => gamma[i % c]! * xh(i) + beta[i % c]!;
    const want = Float64Array.from({ length: len }, (_, i) => (z(i) > 0 ? z(i) : alpha * z(i)));
    const dz = Float64Array.from({ length: len }, (_, i) => (z(i) > 0 ? dOut[i]! : alpha * dOut[i]!));
    const dBeta = new Float64Array(c);
    const dGamma = new Float64Array(c);
    for (let i = 0; i < len; i++) {
      dBeta[i % c]! += dz[i]!;
      dGamma[i % c]! += dz[i]! * xh(i);
    }
    const dy = Float64Array.from({ length: len }, (_, i) => (gamma[i % c]! / Math.sqrt(v[i % c]! + eps)) * (dz[i]! - dBeta[i % c]! / count - (xh(i) * dGamma[i % c]!) / count));

    const got = { out: new Float32Array(len), mean: new Float32Array(c), variance: new Float32Array(c), dy: new Float32Array(len), dGamma: new Float32Array(c), dBeta: new Float32Array(c) };
    addon.bnLeakyForward(y, gamma, beta, got.out, got.mean, got.variance, eps, alpha);
    addon.bnLeakyBackward(dOut, y, gamma, beta, got.mean, got.variance, got.dy, got.dGamma, got.dBeta, eps, alpha);
    expect(maxRelErr(got.mean, m)).toBeLessThan(1e-5);
    expect(maxRelErr(got.variance, v)).toBeLessThan(1e-5);
    // z = y·scale + shift in float32 (scale and shift rounded to float32, as the JS kernel does): a few ulps of
    // the larger term where they cancel.
    expect(maxRelErr(got.out, want)).toBeLessThan(5e-5);
    expect(maxRelErr(got.dBeta, dBeta)).toBeLessThan(1e-4);
    expect(maxRelErr(got.dGamma, dGamma)).toBeLessThan(1e-4);
    expect(maxRelErr(got.dy, dy)).toBeLessThan(1e-4);
  });

  it.each([[1, 1, 1, 1], [2, 3, 5, 8], [1, 4, 4, 17]])('×2 nearest upsampling and its gradient match the definition: %j', (n, h, w, c) => {
    const x = Float32Array.from({ length: n * h * w * c }, () => rand() * 2 - 1);
    const dy = Float32Array.from({ length: 4 * x.length }, () => rand() * 2 - 1);
    const at = (b: number, i: number, j: number, k: number, hh: number, ww: number) => ((b * hh + i) * ww + j) * c + k;
    const y = new Float32Array(dy.length);
    const dx = new Float32Array(x.length);
    addon.upsample2x(x, y, n, h, w, c);
    addon.upsample2xGrad(dy, dx, n, h, w, c);
    const wantDx = new Float64Array(x.length);
    for (let b = 0; b < n; b++)
      for (let i = 0; i < 2 * h; i++)
        for (let j = 0; j < 2 * w; j++)
          for (let k = 0; k < c; k++) {
            expect(y[at(b, i, j, k, 2 * h, 2 * w)]).toBe(x[at(b, i >> 1, j >> 1, k, h, w)]);
            wantDx[at(b, i >> 1, j >> 1, k, h, w)]! += dy[at(b, i, j, k, 2 * h, 2 * w)]!;
          }
    expect(maxRelErr(dx, wantDx)).toBeLessThan(1e-6);
  });

  it('refuses bad arguments with a TypeError that names them, and leaves the output untouched', () => {
    const c: Case = { n: 1, h: 4, w: 4, ci: 2, kh: 3, kw: 3, co: 3, sh: 1, sw: 1, dh: 1, dw: 1, pt: 1, pb: 1, pl: 1, pr: 1 };
    const g = geometry(c);
    const x = new Float32Array(32);
    const w = new Float32Array(54);
    const y = new Float32Array(48).fill(7);
    expect(() => addon.conv2d(new Float32Array(31), w, y, g)).toThrow(/x has 31 elements, the geometry needs 32/);
    expect(() => addon.conv2d(x, new Float64Array(54) as unknown as Float32Array, y, g)).toThrow(/filter must be a Float32Array/);
    expect(() => addon.conv2d(x, w, y, Int32Array.from(g.subarray(0, 16)))).toThrow(/geometry must be an Int32Array of 17/);
    expect(() => addon.conv2d(x, w, y, Int32Array.from(g, (v, i) => (i === 9 ? 0 : v)))).toThrow(/below its minimum/);
    expect(() => addon.bnLeakyForward(new Float32Array(10), new Float32Array(3), new Float32Array(3), new Float32Array(10), new Float32Array(3), new Float32Array(3), 1e-3, 0.2)).toThrow(/multiple of gamma/);
    expect(() => addon.bnLeakyForward(x, new Float32Array(2), new Float32Array(2), new Float32Array(32), new Float32Array(2), new Float32Array(2), Number.NaN, 0.2)).toThrow(/epsilon must be a finite number/);
    expect(() => addon.setThreads(0)).toThrow(/positive integer/);
    expect(() => addon.conv2dFused(x, w, new Float32Array(2), y, g, 1, 0)).toThrow(/bias has 2 elements, the geometry needs 3/);
    expect(() => addon.conv2dFused(x, w, null, y, g, 4 as 2, 0)).toThrow(/activation must be 0/);
    const f8 = new Float32Array(8);
    expect(() => addon.adam(f8, f8, f8, new Float32Array(7), y, f8, f8, f8)).toThrow(/g must have as many elements as x/);
    expect(() => addon.adam(f8, f8, f8, f8, f8, f8, f8, new Float32Array(7))).toThrow(/constants has 7 elements, the geometry needs 8/);
    expect(() => addon.recL1Sum(new Float32Array(47), new Float32Array(48), 1, 2, 2, 3)).toThrow(/z has 47 elements, the geometry needs 48/);
    expect(() => addon.recL1Grad(new Float32Array(48), new Float32Array(48), 1, 2, 2, 3, 0.1, new Float32Array(48), new Float32Array(11))).toThrow(/db has 11 elements, the geometry needs 12/);
    expect(() => addon.recL1Grad(new Float32Array(48), new Float32Array(48), 1, 2, 2, 3, Number.NaN, y, new Float32Array(12))).toThrow(/dyOverN must be a finite number/);
    expect(() => addon.upsample2x(new Float32Array(8), new Float32Array(31), 1, 2, 2, 2)).toThrow(/y has 31 elements, the geometry needs 32/);
    expect(() => addon.upsample2xGrad(new Float32Array(32), new Float32Array(8), 1, 2, 0, 2)).toThrow(/w must be an integer from 1/);
    expect(Array.from(new Set(y))).toEqual([7]);
  });

  it('reports the implementation oneDNN chose (a JIT kernel on x86-64, not the reference loops)', () => {
    const g = geometry({ n: 4, h: 16, w: 16, ci: 16, kh: 3, kw: 3, co: 32, sh: 2, sw: 2, dh: 1, dw: 1, pt: 0, pb: 1, pl: 0, pr: 1 });
    for (const kind of [0, 1, 2] as const) {
      const impl = addon.implementation(kind, g);
      expect(impl).toMatch(/\w+:\w+/);
      if (process.arch === 'x64') expect(impl).not.toMatch(/^ref/);
    }
  });
});
