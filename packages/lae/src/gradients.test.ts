import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectMask } from './attention.ts';
import { initBackend } from './backend.ts';
import { attentionGrid, parseConfig, type LaeConfig, type LaeConfigInput } from './config.ts';
import { disposeBatch, type Batch } from './dataset.ts';
import { createParams, disposeParams, trainableNames, type Params } from './params.ts';
import { rng } from './rng.ts';
import { computeStep, lossParts } from './step.ts';

const tiny: LaeConfigInput = { imageSize: 32, encoderChannels: [4, 6, 8, 8], encoderStrides: [2, 2, 2, 1], latentChannels: 2, decoderChannels: [4, 4, 4], seed: 5 };

function makeBatch(g: number): Batch {
  const rand = rng(11);
  const b = 4;
  const mask = new Float32Array(32 * 32);
  for (let y = 4; y < 16; y++) for (let x = 8; x < 20; x++) mask[y * 32 + x] = 1;
  const { outside, total } = projectMask(mask, 32, g);
  return {
    x: tf.tensor4d(Float32Array.from({ length: b * 32 * 32 * 3 }, () => rand()), [b, 32, 32, 3]),
    labels: tf.tensor1d([0, 1, 1, 0]),
    masked: tf.tensor1d([0, 1, 1, 0]),
    outside: tf.tensor3d([...outside, ...outside, ...outside, ...outside], [b, g, g]),
    total: tf.tensor3d([...total, ...total, ...total, ...total], [b, g, g]),
    maskedCount: 2,
  };
}

function gradient(p: Params, c: LaeConfig, b: Batch): Float32Array[] {
  const step = computeStep(p, c, trainableNames(c), b, null);
  const grads = trainableNames(c).map((n) => step.grads.get(n)!.dataSync().slice() as Float32Array);
  tf.dispose([...step.grads.values(), ...step.stats.flatMap((s) => [s.mean, s.variance])]);
  return grads;
}

const norm = (arrs: Float32Array[]): number => Math.sqrt(arrs.reduce((s, a) => s + a.reduce((t, v) => t + v * v, 0), 0));
const dot = (a: Float32Array[], b: Float32Array[]): number => a.reduce((s, x, i) => s + x.reduce((t, v, j) => t + v * b[i]![j]!, 0), 0);

/** Central finite difference of the total loss along the unit direction `dir`. */
function finiteDifference(p: Params, c: LaeConfig, b: Batch, dir: Float32Array[]): number {
  const names = trainableNames(c);
  const dirs = dir.map((d, i) => tf.tensor(d, p.get(names[i]!)!.shape));
  const evalAt = (eps: number): number => {
    const saved = names.map((n) => tf.clone(p.get(n)!));
    names.forEach((n, i) => {
      const moved = tf.tidy(() => tf.add(saved[i]!, tf.mul(dirs[i]!, eps)));
      p.get(n)!.assign(moved);
      moved.dispose();
    });
    const v = tf.tidy(() => lossParts(p, c, b, 'train', null, null).total.dataSync()[0]!);
    names.forEach((n, i) => p.get(n)!.assign(saved[i]!));
    tf.dispose(saved);
    return v;
  };
  // Small steps: Grad-CAM weights jump where an activation changes sign.
  const eps = 1e-3;
  const fd = (evalAt(eps) - evalAt(-eps)) / (2 * eps);
  tf.dispose(dirs);
  return fd;
}

/** Directional derivative, autograd vs finite differences, along (ĝ + random unit)/‖·‖: large enough to beat float32 noise. */
function check(p: Params, c: LaeConfig, seed: number): { analytic: number; numeric: number } {
  const b = makeBatch(attentionGrid(c));
  const rand = rng(seed);
  const grads = gradient(p, c, b);
  const gNorm = norm(grads);
  const randDir = grads.map((g) => Float32Array.from(g, () => rand() * 2 - 1));
  const rNorm = norm(randDir);
  const mixed = grads.map((g, i) => Float32Array.from(g, (v, j) => v / gNorm + randDir[i]![j]! / rNorm));
  const mNorm = norm(mixed);
  const dir = mixed.map((m) => Float32Array.from(m, (v) => v / mNorm));
  const result = { analytic: dot(grads, dir), numeric: finiteDifference(p, c, b, dir) };
  disposeBatch(b);
  return result;
}

describe('gradients of the total loss vs finite differences', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it.each([
    ['all losses (BCE), Grad-CAM at the latent', {}],
    ['all losses with the FT activation loss', { classLoss: 'act' }],
    ['L_att alone, Grad-CAM at the latent', { lambdaAct: 0, lambdaRec: 0 }],
    ['L_att alone, Grad-CAM at encoder block 2 (second order)', { lambdaAct: 0, lambdaRec: 0, attentionLayer: 2 }],
    ['all losses, Grad-CAM at encoder block 1 (second order)', { attentionLayer: 1 }],
  ] as Array<[string, LaeConfigInput]>)('%s', (_name, overrides) => {
    const p = createParams(parseConfig({ ...tiny, ...overrides }));
    const before = tf.memory().numTensors;
    for (const seed of [1, 2]) {
      const { analytic, numeric } = check(p, parseConfig({ ...tiny, ...overrides }), seed);
      expect(Math.abs(analytic)).toBeGreaterThan(1e-3);
      expect(Math.abs(analytic - numeric)).toBeLessThan(0.02 * Math.abs(numeric) + 2e-4);
    }
    expect(tf.memory().numTensors).toBe(before);
    disposeParams(p);
  });

  it('the second-order term is real at a deeper Grad-CAM layer: finite differences side with it', () => {
    const full = parseConfig({ ...tiny, lambdaAct: 0, lambdaRec: 0, attentionLayer: 2 });
    const firstOnly = parseConfig({ ...tiny, lambdaAct: 0, lambdaRec: 0, attentionLayer: 2, attentionSecondOrder: false });
    const p = createParams(full);
    const b = makeBatch(attentionGrid(full));
    const gFull = gradient(p, full, b);
    const gFirst = gradient(p, firstOnly, b);
    const diff = gFull.map((g, i) => Float32Array.from(g, (v, j) => v - gFirst[i]![j]!));
    const dNorm = norm(diff);
    expect(dNorm).toBeGreaterThan(0.05 * norm(gFull));
    const dir = diff.map((d) => Float32Array.from(d, (v) => v / dNorm));
    const numeric = finiteDifference(p, full, b, dir);
    // Along g_full − g_first the two predictions differ by ‖g_full − g_first‖; the measurement must pick the full one.
    expect(Math.abs(dot(gFull, dir) - numeric)).toBeLessThan(0.1 * dNorm);
    expect(Math.abs(dot(gFirst, dir) - numeric)).toBeGreaterThan(0.9 * dNorm);
    disposeBatch(b);
    disposeParams(p);
  });
});
