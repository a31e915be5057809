import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend.ts';
import { rng } from '../rng.ts';
import { assertShareableTfjs, CHECKED_WASM_VERSIONS } from './share.ts';
import { maxRelErr, onBackend as on } from '../../test/compare.ts';

// The wasm compositions (the fallback where the native addon is not built); native.test.ts checks the native kernels.
describe('wasm training kernels', () => {
  beforeAll(async () => {
    process.env.LAE_KERNELS = 'wasm';
    await initBackend({ backend: 'wasm' });
  });

  it('registers the filter gradient that wasm lacks and replaces the naive input gradient', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc.toString()).toContain('conv2dBackpropInputComposite');
  });

  it('Identity and same-dtype Cast share data instead of copying; disposing one keeps the other', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numBytes;
    const ids = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const c = tf.clone(x);
    const k = tf.cast(x, 'float32');
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(ids);
    x.dispose();
    c.dispose();
    expect(Array.from(k.dataSync())).toEqual([1, 2, 3]);
    const i = tf.cast(k, 'int32');
    expect(i.dtype).toBe('int32');
    expect(Array.from(i.dataSync())).toEqual([1, 2, 3]);
    tf.dispose([k, i]);
    expect(tf.memory().numBytes).toBeLessThan(before);
  });

  it('runs the Identity/Cast swap only on the tfjs versions it was checked on, with a clear error otherwise', () => {
    expect(() => assertShareableTfjs()).not.toThrow();
    expect(CHECKED_WASM_VERSIONS).toContain(tf.version_core);
    expect(() => assertShareableTfjs({ wasm: '4.23.0', core: '4.23.0' })).toThrow(/checked on 4\.22\.0; installed: tfjs-backend-wasm 4\.23\.0/);
    expect(() => assertShareableTfjs({ wasm: '4.22.0', core: '4.21.0' })).toThrow(/tfjs-core 4\.21\.0/);
    // The registered kernels are the sharing ones, not wasm's copying stock kernels.
    for (const name of ['Identity', 'Cast']) expect(tf.getKernel(name, 'wasm')?.kernelFunc.toString()).toContain('share(');
  });

  const rand = rng(7);
  const cases: Array<{ b: number; h: number; w: number; ci: number; co: number; k: number; s: 1 | 2; pad: 'same' | 'valid' }> = [];
  for (const s of [1, 2] as const) {
    for (const pad of ['same', 'valid'] as const) {
      for (let r = 0; r < 3; r++) {
        cases.push({ b: 1 + Math.floor(rand() * 3), h: 5 + Math.floor(rand() * 9), w: 5 + Math.floor(rand() * 9), ci: 1 + Math.floor(rand() * 6), co: 1 + Math.floor(rand() * 7), k: [1, 3, 5][Math.floor(rand() * 3)]!, s, pad });
      }
    }
  }

  it.each(cases)('conv2d gradients match cpu: %o', async (c) => {
    const x = Float32Array.from({ length: c.b * c.h * c.w * c.ci }, () => rand() * 2 - 1);
    const f = Float32Array.from({ length: c.k * c.k * c.ci * c.co }, () => rand() * 2 - 1);
    const run = () => {
      const xt = tf.tensor4d(x, [c.b, c.h, c.w, c.ci]);
      const ft = tf.tensor4d(f, [c.k, c.k, c.ci, c.co]);
      const y = tf.conv2d(xt, ft, c.s, c.pad);
      const dy = tf.tensor4d(Float32Array.from({ length: y.size }, (_, i) => Math.sin(i * 1.7)), y.shape);
      const filterGrad = tf.engine().runKernel('Conv2DBackpropFilter', { x: xt, dy }, { strides: [c.s, c.s], pad: c.pad, dataFormat: 'NHWC', filterShape: ft.shape }) as tf.Tensor;
      const inputGrad = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: ft }, { strides: [c.s, c.s], pad: c.pad, dataFormat: 'NHWC', inputShape: xt.shape }) as tf.Tensor;
      return [filterGrad, inputGrad];
    };
    const wasm = await on('wasm', run);
    const cpu = await on('cpu', run);
    await tf.setBackend('wasm');
    expect(wasm[0]!.length).toBe(cpu[0]!.length);
    expect(wasm[1]!.length).toBe(cpu[1]!.length);
    expect(maxRelErr(wasm[0]!, cpu[0]!)).toBeLessThan(1e-5);
    expect(maxRelErr(wasm[1]!, cpu[1]!)).toBeLessThan(1e-5);
  });

  // Against the block sums themselves: tfjs' cpu kernel is wrong for batches > 1 (it mixes images).
  it.each([[[2, 4, 6, 3]], [[3, 5, 3, 8]], [[1, 1, 2, 4]]] as Array<[[number, number, number, number]]>)('×2 nearest upsampling gradient = 2×2 block sums: %j', (shape) => {
    const [b, h, w, c] = shape;
    const dyData = Float32Array.from({ length: b * h * w * c * 4 }, (_, i) => Math.sin(i * 0.7));
    const got = tf.tidy(() => {
      const dy = tf.tensor4d(dyData, [b, 2 * h, 2 * w, c]);
      return (tf.engine().runKernel('ResizeNearestNeighborGrad', { images: tf.zeros(shape), dy }, { alignCorners: false, halfPixelCenters: false }) as tf.Tensor).dataSync().slice() as Float32Array;
    });
    const want = new Float32Array(b * h * w * c);
    for (let n = 0; n < b; n++)
      for (let i = 0; i < 2 * h; i++)
        for (let j = 0; j < 2 * w; j++)
          for (let k = 0; k < c; k++) want[((n * h + (i >> 1)) * w + (j >> 1)) * c + k]! += dyData[((n * 2 * h + i) * 2 * w + j) * c + k]!;
    expect(maxRelErr(got, want)).toBeLessThan(1e-6);
  });

  it('other upsampling gradients (align corners) still run on the stock kernel and match cpu', async () => {
    const run = () => [tf.engine().runKernel('ResizeNearestNeighborGrad', { images: tf.zeros([1, 3, 4, 2]), dy: tf.tensor4d(Float32Array.from({ length: 96 }, (_, i) => Math.cos(i)), [1, 6, 8, 2]) }, { alignCorners: true, halfPixelCenters: false }) as tf.Tensor];
    const wasm = await on('wasm', run);
    const cpu = await on('cpu', run);
    await tf.setBackend('wasm');
    expect(maxRelErr(wasm[0]!, cpu[0]!)).toBeLessThan(1e-5);
  });

  it('conv2dTranspose (the input-gradient kernel as a forward op) matches cpu with stride 2', async () => {
    const x = Float32Array.from({ length: 2 * 5 * 7 * 3 }, () => rand());
    const f = Float32Array.from({ length: 3 * 3 * 4 * 3 }, () => rand() - 0.5);
    const run = () => [tf.conv2dTranspose(tf.tensor4d(x, [2, 5, 7, 3]), tf.tensor4d(f, [3, 3, 4, 3]), [2, 10, 14, 4], 2, 'same')];
    const wasm = await on('wasm', run);
    const cpu = await on('cpu', run);
    await tf.setBackend('wasm');
    expect(maxRelErr(wasm[0]!, cpu[0]!)).toBeLessThan(1e-5);
  });

  it('comparison ops have zero gradients, so second-order gradients through leakyRelu work', async () => {
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const x = tf.tensor1d([-1.5, 0.5, 2]);
      const g2 = tf.tidy(() => {
        // d/dx of sum(x · d/dx sum(leakyRelu(x)²)) exercises the gradient of greater().
        const inner = (t: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.sum(tf.square(tf.leakyRelu(u, 0.2))))(t);
        return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(t, inner(t))))(x);
      });
      // leakyRelu(u)² = u² (u>0) or 0.04u² (u<0); inner = 2u or 0.08u; x·inner' summed → 4u or 0.16u.
      const got = Array.from(g2.dataSync());
      expect(got[0]).toBeCloseTo(-1.5 * 0.16, 5);
      expect(got[1]).toBeCloseTo(0.5 * 4, 5);
      expect(got[2]).toBeCloseTo(2 * 4, 5);
      const cmp = tf.tidy(() => tf.grad((t: tf.Tensor) => tf.sum(tf.mul(t, tf.cast(tf.greater(t, 0), 'float32'))))(x));
      expect(Array.from(cmp.dataSync())).toEqual([0, 1, 1]);
      tf.dispose([x, g2, cmp]);
    }
    await tf.setBackend('wasm');
  });
});
