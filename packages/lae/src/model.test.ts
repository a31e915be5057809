import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.ts';
import { parseConfig } from './config.ts';
import { activations, activationsFromMeans, channelMeans, decode, disposeFolded, encode, encodeFolded, foldEncoder, pixelShuffle2x, upsample2x } from './model.ts';
import { createParams, disposeParams, param } from './params.ts';

describe('model building blocks', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('nearest ×2 upsampling and pixel shuffle place values as expected', () => {
    tf.tidy(() => {
      expect(Array.from(upsample2x(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1])).dataSync())).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
      // channel groups (dy·2+dx): [a,b,c,d] at one pixel → [[a,b],[c,d]]
      expect(Array.from(pixelShuffle2x(tf.tensor4d([1, 2, 3, 4], [1, 1, 1, 4])).dataSync())).toEqual([1, 2, 3, 4]);
      const two = pixelShuffle2x(tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 2, 4]));
      expect(two.shape).toEqual([1, 2, 4, 1]);
      expect(Array.from(two.dataSync())).toEqual([1, 2, 5, 6, 3, 4, 7, 8]);
    });
  });

  it('activations from channel means equal the FT activations; channel dropout is unbiased in expectation', () => {
    tf.tidy(() => {
      const h = tf.randomNormal([3, 4, 4, 8], 0, 1, 'float32', 1) as tf.Tensor4D;
      const ref = activations(h, 4);
      const got = activationsFromMeans(channelMeans(h), 4);
      expect(tf.max(tf.abs(tf.sub(ref.a1, got.a1))).dataSync()[0]).toBeLessThan(1e-6);
      const m = tf.ones([1, 2000]) as tf.Tensor2D;
      const d = activationsFromMeans(m, 1000, 0.2, 5);
      expect(d.a1.dataSync()[0]).toBeCloseTo(1, 1);
      expect(d.a1.dataSync()[0]).not.toBe(1);
    });
  });

  it('shapes: latent S/8 × S/8 × 2K, reconstruction S × S × 3 in (0,1); the folded encoder equals the eval path', () => {
    const c = parseConfig({ imageSize: 64, encoderChannels: [8, 8, 16, 16], latentChannels: 4, decoderChannels: [8, 8, 8] });
    const p = createParams(c);
    // Trained-looking batch norm, so the fold is exercised (at γ = 1, β = 0, μ = 0, σ² = 1 it is nearly the identity).
    c.encoderChannels.forEach((n, i) => {
      param(p, `enc${i}/gamma`).assign(tf.randomUniform([n], 0.5, 1.5, 'float32', 10 + i));
      param(p, `enc${i}/beta`).assign(tf.randomUniform([n], -0.3, 0.3, 'float32', 20 + i));
      param(p, `enc${i}/moving_mean`).assign(tf.randomUniform([n], -0.5, 0.5, 'float32', 30 + i));
      param(p, `enc${i}/moving_variance`).assign(tf.randomUniform([n], 0.2, 2, 'float32', 40 + i));
    });
    param(p, 'latent/bias').assign(tf.randomUniform([8], -0.2, 0.2, 'float32', 50));
    tf.tidy(() => {
      const x = tf.randomUniform([2, 64, 64, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
      const { h } = encode(p, c, x, 'eval');
      expect(h.shape).toEqual([2, 8, 8, 8]);
      const folded = foldEncoder(p, c);
      const fast = encodeFolded(folded, c, x);
      disposeFolded(folded);
      expect(tf.max(tf.abs(tf.sub(h, fast))).dataSync()[0]).toBeLessThan(1e-4);
      const r = decode(p, c, h, 'eval');
      expect(r.shape).toEqual([2, 64, 64, 3]);
      expect(tf.min(r).dataSync()[0]).toBeGreaterThan(0);
      expect(tf.max(r).dataSync()[0]).toBeLessThan(1);
    });
    disposeParams(p);
  });
});
