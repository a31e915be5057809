import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradcamLatent, interpMatrix, projectMask, upsampleAttention } from './attention.ts';
import { initBackend } from './backend.ts';
import { attentionOutside, lossAct, lossAtt, lossRec, lossTotal } from './losses.ts';
import { activations, pFake, selectHalf } from './model.ts';

const val = (t: tf.Tensor): number => t.dataSync()[0]!;

describe('losses on tiny tensors', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('activations, p(fake) and L_act match hand values', () => {
    tf.tidy(() => {
      // h [2,1,2,2], K=1: sample 0 → h₀=[0.2,-0.2], h₁=[0.8,-1.0]; sample 1 → h₀=[0.5,-0.5], h₁=[0.1,0.1]
      const h = tf.tensor4d([0.2, 0.8, -0.2, -1.0, 0.5, 0.1, -0.5, 0.1], [2, 1, 2, 2]);
      const { a0, a1 } = activations(h, 1);
      expect(Array.from(a0.dataSync())).toEqual([expect.closeTo(0.2, 6), expect.closeTo(0.5, 6)]);
      expect(Array.from(a1.dataSync())).toEqual([expect.closeTo(0.9, 6), expect.closeTo(0.1, 6)]);
      expect(Array.from(pFake(a0, a1, 1e-6).dataSync())).toEqual([expect.closeTo(0.9 / 1.1, 5), expect.closeTo(0.1 / 0.6, 5)]);
      // fake: |0.9−1| + 0.2 = 0.3; real: |0.5−1| + 0.1 = 0.6 → mean 0.45
      expect(val(lossAct(a0, a1, tf.tensor1d([1, 0])))).toBeCloseTo(0.45, 6);
      // swapping the labels: fake-labelled sample 1: |0.1−1| + 0.5 = 1.4; real-labelled sample 0: |0.2−1| + 0.9 = 1.7
      expect(val(lossAct(a0, a1, tf.tensor1d([0, 1])))).toBeCloseTo(1.55, 6);
    });
  });

  it('L_rec is the mean absolute error', () => {
    tf.tidy(() => {
      expect(val(lossRec(tf.tensor1d([0, 0.5, 1, 0.25]), tf.tensor1d([0.5, 0.5, 0, 0.25])))).toBeCloseTo(0.375, 6);
    });
  });

  it('the selection block zeroes the other class half', () => {
    tf.tidy(() => {
      const h = tf.ones([2, 1, 1, 4]) as tf.Tensor4D;
      expect(Array.from(selectHalf(h, tf.tensor1d([0, 1]), 2).dataSync())).toEqual([1, 1, 0, 0, 0, 0, 1, 1]);
    });
  });

  it('bilinear interpolation matrix (half-pixel centres) matches hand values', () => {
    expect(Array.from(interpMatrix(4, 2))).toEqual([1, 0, 0.75, 0.25, 0.25, 0.75, 0, 1]);
  });

  it('L_att through the projected mask equals the share of upsampled attention outside the mask', () => {
    tf.tidy(() => {
      // cam [[1,0],[0,0]] on a 2×2 grid, S=4: Â_ij = u_i u_j with u = [1,.75,.25,0]; forged = top-left 2×2.
      // ΣÂ = 4, inside = 1.75² = 3.0625 → outside share 0.234375.
      const mask = new Float32Array(16);
      for (const i of [0, 1, 4, 5]) mask[i] = 1;
      const { outside, total } = projectMask(mask, 4, 2);
      const cam = tf.tensor3d([1, 0, 0, 0], [1, 2, 2]);
      const share = attentionOutside(cam, tf.tensor3d(outside, [1, 2, 2]), tf.tensor3d(total, [1, 2, 2]), 1e-9);
      expect(val(share)).toBeCloseTo(0.234375, 6);
      // the same number by brute force on the upsampled map
      const up = upsampleAttention(cam, 4).dataSync();
      let all = 0;
      let out = 0;
      up.forEach((v, i) => {
        all += v;
        if (!mask[i]) out += v;
      });
      expect(out / all).toBeCloseTo(0.234375, 5);
      // L_att averages over masked samples only: sample 2 (unmasked) has share 1 and must not count.
      const cams = tf.tensor3d([1, 0, 0, 0, 0, 0, 0, 1], [2, 2, 2]);
      const o2 = tf.tensor3d([...outside, ...outside], [2, 2, 2]);
      const t2 = tf.tensor3d([...total, ...total], [2, 2, 2]);
      expect(val(lossAtt(cams, o2, t2, tf.tensor1d([1, 0]), 1, 1e-9))).toBeCloseTo(0.234375, 6);
      expect(val(lossAtt(cams, o2, t2, tf.tensor1d([0, 0]), 0, 1e-9))).toBe(0);
      // orientation: forged = top-right 2×2. Attention on the top-right cell → 0.234375; on the bottom-left
      // cell → inside = (0+.25)·(.25+0) = 0.0625 of 4 → 0.984375.
      const tr = new Float32Array(16);
      for (const i of [2, 3, 6, 7]) tr[i] = 1;
      const pr = projectMask(tr, 4, 2);
      const o = tf.tensor3d([...pr.outside, ...pr.outside], [2, 2, 2]);
      const t = tf.tensor3d([...pr.total, ...pr.total], [2, 2, 2]);
      const shares = attentionOutside(tf.tensor3d([0, 1, 0, 0, 0, 0, 1, 0], [2, 2, 2]), o, t, 1e-9).dataSync();
      expect(shares[0]).toBeCloseTo(0.234375, 6);
      expect(shares[1]).toBeCloseTo(0.984375, 6);
    });
  });

  it('Grad-CAM at the latent: closed forms match hand values and autograd', () => {
    tf.tidy(() => {
      // g = 1×2, K = 1, h₁ = [2, −3]. Target |h|: weights 1/(g²K) = 0.5 → A = 0.5·|h₁| = [1, 1.5].
      // Target h (signed): w = mean sign(h₁)/(g²K) = 0 → A = 0.
      const h = tf.tensor4d([0.5, 2, -1, -3], [1, 1, 2, 2]);
      expect(Array.from(gradcamLatent(h, 1).dataSync())).toEqual([1, 1.5]);
      expect(Array.from(gradcamLatent(h, 1, true).dataSync())).toEqual([0, 0]);
      const hp = tf.tensor4d([0.5, 2, -1, 3], [1, 1, 2, 2]);
      expect(Array.from(gradcamLatent(hp, 1, true).dataSync())).toEqual([1, 1.5]);
      // random h: the signed weights must equal mean_ij ∂a₁/∂h (autograd), the |h| weights ∂a₁/∂|h|.
      const hr = tf.randomNormal([2, 3, 3, 6], 0, 1, 'float32', 3) as tf.Tensor4D;
      const grad = tf.grad((t: tf.Tensor) => tf.sum(activations(t as tf.Tensor4D, 3).a1))(hr);
      const ref = tf.relu(tf.sum(tf.mul(hr, tf.mean(grad, [1, 2], true)), 3));
      expect(tf.max(tf.abs(tf.sub(ref, gradcamLatent(hr, 3, true)))).dataSync()[0]).toBeLessThan(1e-7);
      const u = tf.abs(hr);
      const gradU = tf.grad((t: tf.Tensor) => tf.sum(tf.mean(tf.slice(t, [0, 0, 0, 3], [-1, -1, -1, 3]), [1, 2, 3])))(u);
      const refU = tf.relu(tf.sum(tf.mul(u, tf.mean(gradU, [1, 2], true)), 3));
      expect(tf.max(tf.abs(tf.sub(refU, gradcamLatent(hr, 3)))).dataSync()[0]).toBeLessThan(1e-7);
    });
  });

  it('total = λ_act·L_act + λ_rec·L_rec + λ_att·L_att', () => {
    tf.tidy(() => {
      const t = lossTotal({ act: tf.scalar(0.5), rec: tf.scalar(0.25), att: tf.scalar(0.75) }, { lambdaAct: 1, lambdaRec: 2, lambdaAtt: 4 });
      expect(val(t)).toBeCloseTo(0.5 + 0.5 + 3, 6);
    });
  });
});
