// The fused batch-norm + leaky ReLU kernel (wasm) against the reference ops on the cpu backend: values,
// batch moments and gradients (input, γ, β) on random shapes; a second-order use fails loudly.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { rng } from '../rng.ts';
import { loadNativeAddon } from '@lae-studio/lae-native';
import { BN_LEAKY, BN_LEAKY_GRAD, bnLeaky, bnLeakyConfig, bnLeakyGradConfig, jsBnLeaky, type BnLeakyImpl } from './bn-leaky.ts';
import { nativeBnLeaky } from './native.ts';
import { maxRelErr } from '../../test/compare.ts';

function reference(y: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number, alpha: number): tf.Tensor[] {
  const { mean, variance } = tf.moments(y, [0, 1, 2]);
  const z = tf.add(tf.mul(tf.div(tf.sub(y, mean), tf.sqrt(tf.add(variance, eps))), gamma), beta);
  return [tf.leakyRelu(z, alpha), mean, variance];
}

async function run(backend: string, fused: boolean, shape: [number, number, number, number], seed: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const rand = rng(seed);
  const c = shape[3];
  const data = (n: number, scale: number, offset = 0): Float32Array => Float32Array.from({ length: n }, () => offset + (rand() * 2 - 1) * scale);
  const size = shape.reduce((a, b) => a * b, 1);
  const out = tf.tidy(() => {
    const y = tf.tensor4d(data(size, 2, 0.5), shape);
    const gamma = tf.tensor1d(data(c, 1, 1));
    const beta = tf.tensor1d(data(c, 0.5));
    const dOut = tf.tensor4d(data(size, 1), shape);
    const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor[] => (fused ? Object.values(bnLeaky(a as tf.Tensor4D, g, b, 1e-3, 0.2)) : reference(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-3, 0.2));
    const [o, m, v] = f(y, gamma, beta);
    const grads = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, g, b)[0]!, dOut)))([y, gamma, beta]);
    return [o!, m!, v!, ...grads];
  });
  const arrays = out.map((t) => t.dataSync().slice() as Float32Array);
  tf.dispose(out);
  return arrays;
}

const native = loadNativeAddon();
const impls: Array<[string, BnLeakyImpl | null]> = [
  ['JS loops', jsBnLeaky],
  [native.ok ? 'native addon' : `native addon (skipped: ${native.reason})`, native.ok ? nativeBnLeaky(native.addon) : null],
];

/** Registers this implementation's kernels in place of whichever are registered now. */
function use(impl: BnLeakyImpl): void {
  for (const k of [bnLeakyConfig(impl), bnLeakyGradConfig(impl)]) {
    tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel(k);
  }
  expect([BN_LEAKY, BN_LEAKY_GRAD].every((n) => tf.getKernel(n, 'wasm'))).toBe(true);
}

describe.each(impls)('fused batch norm + leaky ReLU on wasm, %s, vs reference ops (cpu)', (_name, impl) => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
    if (impl) use(impl);
  });

  it.skipIf(!impl).each([
    [[2, 3, 5, 4]],
    [[16, 8, 8, 7]],
    [[3, 17, 9, 16]],
    [[8, 32, 32, 8]],
  ] as Array<[[number, number, number, number]]>)('shape %j: output, moments and gradients agree', async (shape) => {
    for (const seed of [1, 2]) {
      const ref = await run('cpu', false, shape, seed);
      const got = await run('wasm', true, shape, seed);
      const names = ['out', 'mean', 'variance', 'dx', 'dgamma', 'dbeta'];
      got.forEach((g, i) => expect(maxRelErr(g, ref[i]!), names[i]).toBeLessThan(2e-5));
    }
    await tf.setBackend('wasm');
  });

  it.skipIf(!impl)('leaves no tensors behind, and a gradient of its gradient throws instead of going wrong', async () => {
    await tf.setBackend('wasm');
    const y = tf.randomNormal([4, 3, 3, 2]) as tf.Tensor4D;
    const g = tf.ones([2]);
    const b = tf.zeros([2]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((a: tf.Tensor) => tf.sum(bnLeaky(a as tf.Tensor4D, g, b, 1e-3, 0.2).out))(y);
    });
    expect(tf.memory().numTensors).toBe(before);
    const second = () => tf.tidy(() => tf.grad((a: tf.Tensor) => tf.sum(tf.square(tf.grad((u: tf.Tensor) => tf.sum(tf.square(bnLeaky(u as tf.Tensor4D, g, b, 1e-3, 0.2).out)))(a))))(y));
    expect(second).toThrow(/LaeBnLeakyGrad/);
    tf.dispose([y, g, b]);
  });
});
