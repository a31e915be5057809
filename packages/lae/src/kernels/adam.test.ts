// The one-kernel Adam (wasm) against tfjs' AdamOptimizer on the cpu backend: weights and moments after several
// steps on random gradients agree to float32 rounding, and the optimizer state stays tfjs' (getWeights).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { rng } from '../rng.ts';
import { adam } from './adam.ts';

async function run(backend: string, fused: boolean): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const rand = rng(3);
  const shapes = [[3, 3, 4, 5], [5], [7, 2]];
  const vars = shapes.map((s, i) => tf.variable(tf.tensor(Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rand() - 0.5), s), true, `adam_test_${backend}_${fused}_${i}`));
  const opt: tf.Optimizer = fused ? adam(0.01) : tf.train.adam(0.01);
  for (let step = 0; step < 5; step++) {
    const grads: tf.NamedTensorMap = {};
    vars.forEach((v, i) => (grads[v.name] = tf.tensor(Float32Array.from({ length: v.size }, () => (rand() - 0.5) * (i + 1) * (step === 2 ? 0 : 1)), v.shape)));
    opt.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const weights = await opt.getWeights();
  const state = weights.slice(1).map((w) => w.tensor.dataSync().slice() as Float32Array);
  weights[0]!.tensor.dispose(); // the iteration count, made by getWeights
  const out = [...vars.map((v) => v.dataSync().slice() as Float32Array), ...state];
  opt.dispose();
  tf.dispose(vars);
  return out;
}

describe('fused Adam (wasm) vs tfjs AdamOptimizer (cpu)', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('same weights and moments after 5 steps (one with zero gradients)', async () => {
    const ref = await run('cpu', false);
    await tf.setBackend('wasm');
    // tfjs' own Adam leaves a tensor per weight behind; the fused one must leave no more than it.
    const n0 = tf.memory().numTensors;
    await run('wasm', false);
    const n1 = tf.memory().numTensors;
    const got = await run('wasm', true);
    expect(tf.memory().numTensors - n1).toBe(n1 - n0);
    expect(got.length).toBe(ref.length);
    got.forEach((g, i) => {
      let err = 0;
      let scale = 1e-12;
      g.forEach((x, j) => {
        err = Math.max(err, Math.abs(x - ref[i]![j]!));
        scale = Math.max(scale, Math.abs(ref[i]![j]!));
      });
      expect(err / scale, `tensor ${i}`).toBeLessThan(1e-6);
    });
  });
});
