// The fused output head + L_rec (wasm, JS loops and native addon) against the reference ops on the cpu backend:
// conv + bias, pixel shuffle, sigmoid, mean |x − r|; the loss and its gradients in the head's input, filter and bias,
// on random shapes.
import * as tf from '@tensorflow/tfjs-core';
import { loadNativeAddon } from '@lae-studio/lae-native';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { lossRec } from '../losses.ts';
import { pixelShuffle2x } from '../model.ts';
import { rng } from '../rng.ts';
import { maxRelErr } from '../../test/compare.ts';
import { nativeRecL1 } from './native.ts';
import { jsRecL1, REC_L1, REC_L1_GRAD, recHeadLoss, recL1Config, recL1GradConfig, type RecL1Impl } from './rec-head.ts';

type Shape = [number, number, number, number];

function reference(y: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, x: tf.Tensor4D): tf.Scalar {
  return lossRec(x, tf.sigmoid(pixelShuffle2x(tf.add(tf.conv2d(y, w, 1, 'same'), b) as tf.Tensor4D)));
}

async function run(backend: string, fused: boolean, yShape: Shape, c: number, seed: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const rand = rng(seed);
  const [n, h, w, ci] = yShape;
  const data = (len: number, scale: number, offset = 0): Float32Array => Float32Array.from({ length: len }, () => offset + (rand() * 2 - 1) * scale);
  const out = tf.tidy(() => {
    const y = tf.tensor4d(data(n * h * w * ci, 1), yShape);
    const filter = tf.tensor4d(data(9 * ci * 4 * c, 0.5), [3, 3, ci, 4 * c]);
    const bias = tf.tensor1d(data(4 * c, 0.3));
    const x = tf.tensor4d(data(n * 4 * h * w * c, 0.5, 0.5), [n, 2 * h, 2 * w, c]);
    const f = (a: tf.Tensor, k: tf.Tensor, bb: tf.Tensor): tf.Scalar => tf.mul(fused ? recHeadLoss(a as tf.Tensor4D, k as tf.Tensor4D, bb as tf.Tensor1D, x) : reference(a as tf.Tensor4D, k as tf.Tensor4D, bb as tf.Tensor1D, x), 1.7);
    const grads = tf.grads(f)([y, filter, bias]);
    return [f(y, filter, bias), ...grads];
  });
  const arrays = out.map((t) => t.dataSync().slice() as Float32Array);
  tf.dispose(out);
  return arrays;
}

const native = loadNativeAddon();
const impls: Array<[string, RecL1Impl | null]> = [
  ['JS loops', jsRecL1],
  [native.ok ? 'native addon' : `native addon (skipped: ${native.reason})`, native.ok ? nativeRecL1(native.addon) : null],
];

describe.each(impls)('fused output head + L_rec on wasm, %s, vs reference ops (cpu)', (_name, impl) => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
    if (!impl) return;
    for (const k of [recL1Config(impl), recL1GradConfig(impl)]) {
      tf.unregisterKernel(k.kernelName, 'wasm');
      tf.registerKernel(k);
    }
    expect([REC_L1, REC_L1_GRAD].every((k) => tf.getKernel(k, 'wasm'))).toBe(true);
  });

  it.skipIf(!impl).each([
    [[2, 4, 4, 8], 3, 1],
    [[1, 3, 5, 2], 1, 2],
    [[3, 6, 2, 5], 2, 3],
    [[2, 16, 16, 8], 3, 4],
  ] as Array<[Shape, number, number]>)('input %j, %i image channels: loss and gradients in input, filter and bias', async (shape, c, seed) => {
    const want = await run('cpu', false, shape, c, seed);
    const got = await run('wasm', true, shape, c, seed);
    const names = ['loss', 'd input', 'd filter', 'd bias'];
    got.forEach((g, i) => {
      expect(g.length, names[i]).toBe(want[i]!.length);
      expect(maxRelErr(g, want[i]!), names[i]).toBeLessThan(2e-5);
    });
  });
});
