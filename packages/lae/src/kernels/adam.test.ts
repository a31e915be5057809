// The one-kernel Adam (wasm) against tfjs' AdamOptimizer on the cpu backend: weights and moments after several
// steps on random gradients agree to float32 rounding, and the optimizer state stays tfjs' (getWeights).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { rng } from '../rng.ts';
import { loadNativeAddon } from '@lae-studio/lae-native';
import { adam, adamUpdate, type AdamAttrs } from './adam.ts';
import { isNativeKernel, nativeAdam } from './native.ts';

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

  const native = loadNativeAddon();
  it.skipIf(!native.ok)('the native update equals the JS loop bit for bit (and is the one registered)', () => {
    if (!native.ok) return;
    expect(isNativeKernel('LaeAdam')).toBe(true);
    const rand = rng(9);
    for (const len of [1, 15, 16, 17, 1000, 4099]) {
      const arr = (scale: number, offset = 0) => Float32Array.from({ length: len }, () => offset + (rand() - 0.5) * scale);
      const [x, m, v, g] = [arr(1), arr(0.1), arr(0.01, 0.01), arr(2)];
      const a: AdamAttrs = { learningRate: 0.001 + rand() * 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, oneMinusAcc1: 1 - 0.9 ** 7, oneMinusAcc2: 1 - 0.999 ** 7 };
      const js = [new Float32Array(len), new Float32Array(len), new Float32Array(len)] as const;
      const nat = [new Float32Array(len), new Float32Array(len), new Float32Array(len)] as const;
      adamUpdate(x, m, v, g, a, ...js);
      nativeAdam(native.addon)(x, m, v, g, a, ...nat);
      js.forEach((want, k) => expect(Array.from(nat[k]!), `output ${k}, length ${len}`).toEqual(Array.from(want)));
    }
  });
});

