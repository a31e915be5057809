import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend.ts';
import { parseConfig } from './config.ts';
import { maxRelErr } from '../test/compare.ts';
import { scoreLatent, scoreLatentTensors, type BatchOut } from './score.ts';

const quiet = { info: () => undefined, warn: () => undefined };

describe('scoreLatent: the heads in plain loops', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm', logger: quiet });
  });

  // Shapes: the default grid, an odd grid and channel count, the smallest grid; latents of both signs, one image all zero.
  const cases: Array<[string, number, number, number]> = [
    ['8×8 grid, K = 16', 6, 8, 16],
    ['5×3 grid, K = 3', 4, 5, 3],
    ['2×2 grid (the smallest: S = 32, stride 16), K = 2', 3, 2, 2],
  ];
  it.each(cases)('equal the tensor reference (%s), an all-zero latent included, with MC dropout', (_, b, g, k) => {
    const c = parseConfig({ imageSize: 32, latentChannels: k, dropout: 0.3 });
    const dims = [b, g, g === 5 ? 3 : g, 2 * k];
    const latent = tf.tidy(() => tf.randomNormal(dims, 0, 1, 'float32', b * 7 + g).dataSync() as Float32Array);
    const per = latent.length / b;
    latent.fill(0, 0, per);
    const got = scoreLatent(c, latent, dims, 5, 11);
    const want = scoreLatentTensors(c, latent, dims, 5, 11);
    for (const key of Object.keys(want) as Array<keyof BatchOut>) {
      expect(got[key].length, key).toBe(want[key].length);
      expect(maxRelErr(got[key], want[key]), key).toBeLessThan(1e-5);
    }
    // The empty map is fully diffuse and the empty latent undecided, in both.
    expect(got.dispersion[0]).toBe(1);
    expect(got.p[0]).toBe(0);
    expect(got.bald.some((v) => v > 0)).toBe(true);
  });
});
