import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradcamLatent, interpMatrix, projectMask, upsampleAttention } from './attention.ts';
import { initBackend } from './backend.ts';
import { attentionOutside, lossAct, lossAtt, lossBce, lossRealOutside, lossRec, lossTotal } from './losses.ts';
import { chooseThreshold } from './calibrate.ts';
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

  it('BCE on p(fake) matches hand values and stays finite at p = 0 and 1', () => {
    tf.tidy(() => {
      const a0 = tf.tensor1d([0.2, 0.5]);
      const a1 = tf.tensor1d([0.9, 0.1]);
      // fake: −log(0.9/1.1) = 0.2006707; real: −log(0.5/0.6) = 0.1823216 → mean 0.1914962
      expect(val(lossBce(a0, a1, tf.tensor1d([1, 0]), 1e-6))).toBeCloseTo(0.1914962, 5);
      // labels swapped: −log(0.2/1.1) = 1.7047481, −log(0.1/0.6) = 1.7917595 → mean 1.7482538
      expect(val(lossBce(a0, a1, tf.tensor1d([0, 1]), 1e-6))).toBeCloseTo(1.7482538, 5);
      // a₁ = 0 for a fake: −log(ε/(a₀+2ε)), large but finite
      const v = val(lossBce(tf.tensor1d([1]), tf.tensor1d([0]), tf.tensor1d([1]), 1e-6));
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeCloseTo(-Math.log(1e-6 / (1 + 2e-6)), 3);
    });
  });

  it('BCE gradient matches finite differences in a₀ and a₁', () => {
    const f = (a0: tf.Tensor1D, a1: tf.Tensor1D) => lossBce(a0, a1, tf.tensor1d([1, 0, 1]), 1e-6);
    const x0 = [0.3, 0.7, 0.05];
    const x1 = [0.6, 0.2, 0.4];
    const [g0, g1] = tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a as tf.Tensor1D, b as tf.Tensor1D))([tf.tensor1d(x0), tf.tensor1d(x1)]);
    const h = 1e-3;
    const at = (y0: number[], y1: number[]) => tf.tidy(() => val(f(tf.tensor1d(y0), tf.tensor1d(y1))));
    for (let i = 0; i < 3; i++) {
      const plus0 = x0.map((v, j) => (j === i ? v + h : v));
      const minus0 = x0.map((v, j) => (j === i ? v - h : v));
      expect(g0!.dataSync()[i]!).toBeCloseTo((at(plus0, x1) - at(minus0, x1)) / (2 * h), 2);
      const plus1 = x1.map((v, j) => (j === i ? v + h : v));
      const minus1 = x1.map((v, j) => (j === i ? v - h : v));
      expect(g1!.dataSync()[i]!).toBeCloseTo((at(x0, plus1) - at(x0, minus1)) / (2 * h), 2);
    }
    tf.dispose([g0!, g1!]);
  });

  it('L_real matches hand values; its gradient (target frozen) matches finite differences', () => {
    tf.tidy(() => {
      // realMap [2,1,2]: sample 0 a masked fake with cells [0.4, 0.2]; sample 1 a real [0.3, 0.5] → target a₀ = 0.4.
      const map = tf.tensor3d([0.4, 0.2, 0.3, 0.5], [2, 1, 2]);
      const labels = tf.tensor1d([1, 0]);
      const masked = tf.tensor1d([1, 0]);
      // outside weights [0, 1]: a₀ outside = 0.2 → |0.2 − 0.4| = 0.2
      expect(val(lossRealOutside(map, tf.tensor3d([0, 1, 0, 0], [2, 1, 2]), masked, labels, 1, 1e-9))).toBeCloseTo(0.2, 6);
      // outside weights [0.5, 1.5]: (0.2 + 0.3) / 2 = 0.25 → 0.15
      expect(val(lossRealOutside(map, tf.tensor3d([0.5, 1.5, 0, 0], [2, 1, 2]), masked, labels, 1, 1e-9))).toBeCloseTo(0.15, 6);
      // no masked fake, or no real: 0
      expect(val(lossRealOutside(map, tf.tensor3d([0, 1, 0, 0], [2, 1, 2]), tf.tensor1d([0, 0]), labels, 0, 1e-9))).toBe(0);
      expect(val(lossRealOutside(map, tf.tensor3d([0, 1, 0, 1], [2, 1, 2]), tf.tensor1d([1, 1]), tf.tensor1d([1, 1]), 2, 1e-9))).toBe(0);
    });
    const outside = tf.tensor3d([0.5, 1.5, 0.2, 0.8, 0, 0], [3, 1, 2]);
    const labels = tf.tensor1d([1, 1, 0]);
    const masked = tf.tensor1d([1, 1, 0]);
    const x = [0.4, 0.2, 0.9, 0.1, 0.3, 0.5];
    const target = 0.4;
    const f = (m: tf.Tensor) => lossRealOutside(m as tf.Tensor3D, outside, masked, labels, 2, 1e-9, target);
    const g = tf.grad(f)(tf.tensor3d(x, [3, 1, 2]));
    const h = 1e-3;
    for (let i = 0; i < x.length; i++) {
      const at = (d: number) => tf.tidy(() => val(f(tf.tensor3d(x.map((v, j) => (j === i ? v + d : v)), [3, 1, 2]))));
      expect(g.dataSync()[i]!).toBeCloseTo((at(h) - at(-h)) / (2 * h), 3);
    }
    tf.dispose([g, outside, labels, masked]);
  });

  it('decision thresholds: fixed, validation accuracy, reals quantile', () => {
    const p = [0.1, 0.2, 0.3, 0.35, 0.6, 0.7, 0.8, 0.9];
    const y = [0, 0, 0, 1, 0, 1, 1, 1];
    expect(chooseThreshold(p, y, 'fixed')).toBe(0.5);
    // Best accuracy 7/8 between 0.3 and 0.35 (0.05 wide) and between 0.6 and 0.7 (0.1 wide): the wider one's midpoint.
    expect(chooseThreshold(p, y, 'val-accuracy')).toBeCloseTo(0.65, 6);
    // Reals [0.1, 0.2, 0.3, 0.6]: at FPR 0.25 one real may lie above → threshold 0.3
    expect(chooseThreshold(p, y, 'real-quantile', 0.25)).toBeCloseTo(0.3, 6);
    expect(chooseThreshold(p, y, 'real-quantile', 0.01)).toBeCloseTo(0.6, 6);
    // Perfect separation: the midpoint of the gap
    expect(chooseThreshold([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 'val-accuracy')).toBeCloseTo(0.5, 6);
    expect(chooseThreshold([0.1, 0.2], [1, 1], 'val-accuracy')).toBe(0.5);
  });

  it('L_rec is the mean absolute error', () => {
    tf.tidy(() => {
      expect(val(lossRec(tf.tensor1d([0, 0.5, 1, 0.25]), tf.tensor1d([0.5, 0.5, 0, 0.25])))).toBeCloseTo(0.375, 6);
    });
  });

  it("L_rec's written-out gradient equals tfjs's mean(abs(x − x̂)) gradient, also where x = x̂", () => {
    tf.tidy(() => {
      const x = tf.tensor4d([0, 0.5, 1, 0.25, 0.7, 0.1, 0.9, 0.3], [2, 2, 2, 1]);
      const r = tf.tensor4d([0.5, 0.5, 0, 0.25, 0.2, 0.4, 0.9, 0.6], [2, 2, 2, 1]);
      const ours = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.mul(lossRec(a, b), 3))([x, r]);
      const ref = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.mul(tf.mean(tf.abs(tf.sub(a, b))), 3))([x, r]);
      for (let i = 0; i < 2; i++) expect(Array.from(ours[i]!.dataSync())).toEqual(Array.from(ref[i]!.dataSync()));
      expect(ours[1]!.dataSync()[1]).toBeCloseTo(3 / 8, 6); // x = x̂: tf.abs's gradient takes −1 there, so −(−1)·3/8
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
