// The native kernels as tfjs runs them (registered on wasm, reading and writing the wasm heap) against the cpu
// backend on random shapes; the geometry rule that decides what falls back; the engine choice. The addon's own
// arithmetic is checked against the definitions in packages/lae-native/test.
import * as tf from '@tensorflow/tfjs-core';
import { type KernelConfig } from '@tensorflow/tfjs-core';
import { loadNativeAddon, type AddonLoad } from '@lae-studio/lae-native';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeBackend, initBackend } from '../backend.ts';
import { rng } from '../rng.ts';
import { create } from '../lae.ts';
import { chooseKernelEngine, isNativeKernel, nativeConvConfigs, onednnGeometry, withNativeThreads } from './native.ts';
import { maxRelErr, onBackend as on } from '../../test/compare.ts';

const load = loadNativeAddon();
if (!load.ok && process.env.CI) throw new Error(`CI installs libdnnl-dev, so the native addon must load: ${load.reason}`);

type Shape = [number, number, number, number];

describe('engine choice (pure logic)', () => {
  const missing = (): AddonLoad => ({ ok: false, reason: 'the oneDNN addon is not built (install libdnnl-dev)' });
  it('auto without the addon keeps the wasm kernels and says why; native without it stops with the fix; wasm never loads it', () => {
    expect(chooseKernelEngine('auto', missing)).toEqual({ engine: 'wasm', reason: 'the oneDNN addon is not built (install libdnnl-dev)' });
    expect(() => chooseKernelEngine('native', missing)).toThrow(/LAE_KERNELS=native, but the oneDNN addon is not built \(install libdnnl-dev\)\. Set LAE_KERNELS=auto/);
    expect(chooseKernelEngine('wasm', () => { throw new Error('must not load'); })).toEqual({ engine: 'wasm', reason: 'LAE_KERNELS=wasm' });
  });

  it("takes tfjs's output size only where oneDNN's floor rule gives the same (else the kernel falls back)", () => {
    // 'same', stride 2, odd size: tfjs pads 0 top / 1 bottom; floor((7 + 1 − 3) / 2) + 1 = 3 = ceil(7 / 2).
    expect(Array.from(onednnGeometry([1, 7, 7, 2], [3, 3, 2, 4], { strides: 2, pad: 'same' })!)).toEqual([1, 7, 7, 2, 3, 3, 4, 4, 4, 2, 2, 1, 1, 1, 1, 1, 1]);
    expect(onednnGeometry([1, 7, 7, 2], [3, 3, 2, 4], { strides: 2, pad: 'valid' })?.slice(7, 9)).toEqual(Int32Array.from([3, 3]));
    // Explicit padding with ceil rounding: tfjs says 4 rows, the padded extent holds 3 windows.
    expect(onednnGeometry([1, 8, 8, 2], [3, 3, 2, 4], { strides: 2, pad: 0, dimRoundingMode: 'ceil' })).toBeNull();
    expect(onednnGeometry([0, 8, 8, 2], [3, 3, 2, 4], { strides: 1, pad: 'same' })).toBeNull();
    expect(onednnGeometry([1, 8, 8, 2], [3, 3, 2, 4], { strides: 1, pad: 'same', dataFormat: 'NCHW' })).toBeNull();
  });
});

describe.skipIf(!load.ok)(`native kernels on wasm ${load.ok ? `(oneDNN ${load.addon.version()})` : `(skipped: ${load.ok === false ? load.reason : ''})`} vs cpu`, () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('initBackend registered them and reports it', () => {
    expect(activeBackend()?.kernels).toBe('native');
    for (const name of [tf.Conv2D, tf.FusedConv2D, tf.Conv2DBackpropInput, tf.Conv2DBackpropFilter, tf.ResizeNearestNeighbor, tf.ResizeNearestNeighborGrad, 'LaeBnLeaky', 'LaeBnLeakyGrad', 'LaeRecL1', 'LaeRecL1Grad', 'LaeAdam']) expect(isNativeKernel(name), name).toBe(true);
    expect(isNativeKernel(tf.Add)).toBe(false);
  });

  const rand = rng(5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const cases = Array.from({ length: 12 }, (_, r) => ({
    b: 1 + Math.floor(rand() * 3),
    h: 5 + Math.floor(rand() * 12),
    w: 5 + Math.floor(rand() * 12),
    ci: pick([1, 3, 8, 16, 21]),
    co: pick([2, 8, 16, 32]),
    k: pick([1, 3, 5]),
    s: (r % 2 ? 2 : 1) as 1 | 2,
    pad: (r % 4 < 2 ? 'same' : 'valid') as 'same' | 'valid',
    d: (r % 6 === 0 ? 2 : 1) as 1 | 2,
  }));

  it.each(cases)('conv2d forward (with dilation where given) and both gradients match cpu: %o', async (c) => {
    const x = Float32Array.from({ length: c.b * c.h * c.w * c.ci }, () => rand() * 2 - 1);
    const f = Float32Array.from({ length: c.k * c.k * c.ci * c.co }, () => rand() * 2 - 1);
    const s = c.d === 2 ? 1 : c.s; // tfjs: dilation with stride > 1 is not defined
    const run = () => {
      const xt = tf.tensor4d(x, [c.b, c.h, c.w, c.ci]);
      const ft = tf.tensor4d(f, [c.k, c.k, c.ci, c.co]);
      const y = tf.conv2d(xt, ft, s, c.pad, 'NHWC', c.d);
      if (c.d === 2) return [y];
      const dy = tf.tensor4d(Float32Array.from({ length: y.size }, (_, i) => Math.sin(i * 1.3)), y.shape);
      const dw = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: xt, dy }, { strides: [s, s], pad: c.pad, dataFormat: 'NHWC', filterShape: ft.shape }) as tf.Tensor;
      const dx = tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter: ft }, { strides: [s, s], pad: c.pad, dataFormat: 'NHWC', inputShape: xt.shape }) as tf.Tensor;
      return [y, dw, dx];
    };
    const wasm = await on('wasm', run);
    const cpu = await on('cpu', run);
    await tf.setBackend('wasm');
    wasm.forEach((got, i) => {
      expect(got.length).toBe(cpu[i]!.length);
      expect(maxRelErr(got, cpu[i]!)).toBeLessThan(1e-5);
    });
  });

  it.each([
    ['linear', true],
    ['relu', false],
    ['leakyrelu', true],
    ['leakyrelu', false],
  ] as const)('fused conv2d (inference) with %s activation, bias %s, matches cpu', async (activation, withBias) => {
    const x = Float32Array.from({ length: 3 * 9 * 9 * 8 }, () => rand() * 2 - 1);
    const f = Float32Array.from({ length: 9 * 8 * 16 }, () => rand() - 0.5);
    const b = Float32Array.from({ length: 16 }, () => rand() - 0.5);
    const run = () => [tf.fused.conv2d({ x: tf.tensor4d(x, [3, 9, 9, 8]), filter: tf.tensor4d(f, [3, 3, 8, 16]), strides: 2, pad: 'same', bias: withBias ? tf.tensor1d(b) : undefined, activation, leakyreluAlpha: 0.15 })];
    const wasm = await on('wasm', run);
    const cpu = await on('cpu', run);
    await tf.setBackend('wasm');
    expect(maxRelErr(wasm[0]!, cpu[0]!)).toBeLessThan(1e-5);
  });

  it('×2 nearest upsampling matches cpu and its gradient is the 2×2 block sums; align corners goes to the stock kernel', async () => {
    const shape: Shape = [3, 5, 4, 6];
    const x = Float32Array.from({ length: 360 }, () => rand() * 2 - 1);
    const dyData = Float32Array.from({ length: 4 * 360 }, () => rand() * 2 - 1);
    const run = (alignCorners: boolean) => () => {
      const xt = tf.tensor4d(x, shape);
      const y = tf.image.resizeNearestNeighbor(xt, [10, 8], alignCorners);
      const dx = tf.engine().runKernel(tf.ResizeNearestNeighborGrad, { images: xt, dy: tf.tensor4d(dyData, [3, 10, 8, 6]) }, { alignCorners, halfPixelCenters: false }) as tf.Tensor;
      return [y, dx];
    };
    const [y, dx] = await on('wasm', run(false));
    const [yCpu] = await on('cpu', run(false));
    await tf.setBackend('wasm');
    expect(Array.from(y!)).toEqual(Array.from(yCpu!));
    const sums = new Float32Array(360);
    for (let b = 0; b < 3; b++) for (let i = 0; i < 10; i++) for (let j = 0; j < 8; j++) for (let k = 0; k < 6; k++) sums[((b * 5 + (i >> 1)) * 4 + (j >> 1)) * 6 + k]! += dyData[((b * 10 + i) * 8 + j) * 6 + k]!;
    expect(maxRelErr(dx!, sums)).toBeLessThan(1e-6);
    const [yAc] = await on('wasm', run(true));
    const [yAcCpu] = await on('cpu', run(true));
    await tf.setBackend('wasm');
    expect(maxRelErr(yAc!, yAcCpu!)).toBeLessThan(1e-6);
  });

  it('sends what oneDNN cannot take (here an empty batch) to the kernel it replaced, and returns its result', async () => {
    if (!load.ok) return;
    const calls: string[] = [];
    const stock = (name: string): KernelConfig | undefined => {
      const k = tf.getKernel(name, 'wasm');
      return k && { ...k, kernelFunc: (args: Parameters<typeof k.kernelFunc>[0]) => (calls.push(name), k.kernelFunc(args)) };
    };
    const [conv] = nativeConvConfigs(load.addon, stock);
    await tf.setBackend('wasm');
    const f = tf.tensor4d(Float32Array.from({ length: 27 * 4 }, () => rand() - 0.5), [3, 3, 3, 4]);
    const run = (x: tf.Tensor) => tf.engine().makeTensorFromTensorInfo(conv!.kernelFunc({ inputs: { x, filter: f }, attrs: { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', dilations: [1, 1] } as unknown as tf.NamedAttrMap, backend: tf.backend() }) as tf.TensorInfo);
    const full = tf.tensor4d(Float32Array.from({ length: 2 * 8 * 8 * 3 }, () => rand()), [2, 8, 8, 3]);
    const a = run(full);
    expect(calls).toEqual([]);
    const empty = tf.zeros([0, 8, 8, 3]);
    const b = run(empty);
    expect(calls).toEqual([tf.Conv2D]);
    expect(b.shape).toEqual([0, 4, 4, 4]);
    const want = await on('cpu', () => [tf.conv2d(tf.tensor4d(full.dataSync(), full.shape), tf.tensor4d(f.dataSync(), f.shape), 2, 'same')]);
    await tf.setBackend('wasm');
    expect(maxRelErr(a.dataSync() as Float32Array, want[0]!)).toBeLessThan(1e-5);
    tf.dispose([full, empty, f, a, b]);
  });

  it('scores on two oneDNN threads (LAE.score with threads: 2, no worker pool) as on one, and restores one thread after', async () => {
    const model = await create({ imageSize: 32, encoderChannels: [8, 16, 16, 16], latentChannels: 4, decoderChannels: [8, 8, 8], seed: 4 }, { backend: 'wasm', scoreEngine: 'auto' });
    const images = Array.from({ length: 40 }, () => Float32Array.from({ length: 32 * 32 * 3 }, () => rand()));
    const one = await model.score(images, { threads: 1, batchSize: 16 });
    const two = await model.score(images, { threads: 2, batchSize: 16 });
    two.forEach((r, i) => {
      expect(r.pFake).toBeCloseTo(one[i]!.pFake, 5);
      expect(maxRelErr(r.attention, one[i]!.attention)).toBeLessThan(1e-5);
      expect(maxRelErr(r.embedding, one[i]!.embedding)).toBeLessThan(1e-5);
    });
    let inside = 0;
    await withNativeThreads(2, async () => void (inside = 1));
    expect(inside).toBe(1);
    model.dispose();
  });
});

