// L_act, L_rec, L_att and their weighted total (DESIGN §3).
import * as tf from '@tensorflow/tfjs-core';

/** L_act = mean_b |a_y − 1| + |a_{1−y}|, labels 0 (real) / 1 (fake). */
export function lossAct(a0: tf.Tensor1D, a1: tf.Tensor1D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const ay = tf.add(tf.mul(labels, a1), tf.mul(tf.sub(1, labels), a0));
    const aOther = tf.add(tf.mul(labels, a0), tf.mul(tf.sub(1, labels), a1));
    return tf.mean(tf.add(tf.abs(tf.sub(ay, 1)), tf.abs(aOther)));
  });
}

/**
 * BCE on p(fake) = a₁/(a₀+a₁+ε): −mean_b [y log p + (1−y) log(1−p)], evaluated in log form
 * (log p = log(a₁+ε) − log(a₀+a₁+2ε), log(1−p) = log(a₀+ε) − log(a₀+a₁+2ε)) so it stays finite at p = 0 or 1.
 */
export function lossBce(a0: tf.Tensor1D, a1: tf.Tensor1D, labels: tf.Tensor1D, eps: number): tf.Scalar {
  return tf.tidy(() => {
    const z = tf.log(tf.add(tf.add(a0, a1), 2 * eps));
    const logP = tf.sub(tf.log(tf.add(a1, eps)), z);
    const logQ = tf.sub(tf.log(tf.add(a0, eps)), z);
    return tf.neg(tf.mean(tf.add(tf.mul(labels, logP), tf.mul(tf.sub(1, labels), logQ)))) as tf.Scalar;
  });
}

/**
 * L_real: for masked fakes, the real-half activation outside the mask, Σ A₀·outside / Σ outside (A₀ = mean_k |h₀ᵏ|
 * per latent cell), should equal the reals' level in the batch (mean a₀ over reals; a target without gradient):
 * the genuine context of a masked fake must not switch the real half off, which closes the path by which a
 * cue outside the forgery moves into the real half. Mean |difference| over masked fakes; 0 without masked
 * fakes or reals. realMap [B,g,g], outside [B,g,g], masked and labels [B].
 */
export function lossRealOutside(realMap: tf.Tensor3D, outside: tf.Tensor3D, masked: tf.Tensor1D, labels: tf.Tensor1D, maskedCount: number, eps: number, fixedTarget?: number): tf.Scalar {
  return tf.tidy(() => {
    const reals = tf.sub(1, labels);
    const nReal = tf.sum(reals).dataSync()[0]!;
    if (maskedCount === 0 || (nReal === 0 && fixedTarget == null)) return tf.scalar(0);
    const a0 = tf.mean(realMap, [1, 2]);
    // A number, so no gradient flows into the target (tests pass it in to freeze it for finite differences).
    const target = fixedTarget ?? tf.div(tf.sum(tf.mul(a0, reals)), nReal).dataSync()[0]!;
    const aOut = tf.div(tf.sum(tf.mul(realMap, outside), [1, 2]), tf.add(tf.sum(outside, [1, 2]), eps));
    return tf.div(tf.sum(tf.mul(tf.abs(tf.sub(aOut, target)), masked)), maskedCount);
  });
}

/**
 * L_rec = mean |x − x̂|, with its gradient written out: tfjs's Mean gradient builds ones(x.shape) in JS and uploads
 * it every step (≈ 1.7 ms of a 64² step for the image-sized mean), then multiplies and divides by it. Same values
 * as tf.abs's gradient (step(d, −1): −1 at d = 0) times 1/N.
 */
export function lossRec(x: tf.Tensor, recon: tf.Tensor): tf.Scalar {
  return recL1(x, recon) as tf.Scalar;
}

const recL1 = tf.customGrad((x, recon, save) => {
  const d = tf.sub(x as tf.Tensor, recon as tf.Tensor);
  (save as tf.GradSaveFunc)([d]);
  return {
    value: tf.mean(tf.abs(d)),
    gradFunc: (dy, [diff]) => {
      const g = tf.mul(tf.step(diff!, -1), tf.div(dy, diff!.size));
      return [g, tf.neg(g)];
    },
  };
});

/**
 * Per-sample share of attention outside the mask, Σ Â(1−M) / (Σ Â + ε), computed on the grid through the
 * projected mask weights (see projectMask): cam [B,g,g], outside and total [B,g,g].
 */
export function attentionOutside(cam: tf.Tensor3D, outside: tf.Tensor3D, total: tf.Tensor3D, eps: number): tf.Tensor1D {
  return tf.tidy(() => tf.div(tf.sum(tf.mul(cam, outside), [1, 2]), tf.add(tf.sum(tf.mul(cam, total), [1, 2]), eps)) as tf.Tensor1D);
}

/** L_att: mean of attentionOutside over the samples with weight 1 (masked fakes); 0 when there are none. */
export function lossAtt(cam: tf.Tensor3D, outside: tf.Tensor3D, total: tf.Tensor3D, masked: tf.Tensor1D, maskedCount: number, eps: number): tf.Scalar {
  return tf.tidy(() => {
    if (maskedCount === 0) return tf.scalar(0);
    return tf.div(tf.sum(tf.mul(attentionOutside(cam, outside, total, eps), masked)), maskedCount);
  });
}

export interface LossWeights {
  lambdaAct: number;
  lambdaRec: number;
  lambdaAtt: number;
  lambdaRealOutside?: number;
}

/** λ_act·L_cls + λ_rec·L_rec + λ_att·L_att + λ_real·L_real (L_cls is L_act or the BCE, per config.classLoss). */
export function lossTotal(parts: { act: tf.Scalar; rec: tf.Scalar; att: tf.Scalar; real?: tf.Scalar }, w: LossWeights): tf.Scalar {
  return tf.tidy(() => {
    const terms = [tf.mul(parts.act, w.lambdaAct), tf.mul(parts.rec, w.lambdaRec), tf.mul(parts.att, w.lambdaAtt)];
    if (parts.real && (w.lambdaRealOutside ?? 0) > 0) terms.push(tf.mul(parts.real, w.lambdaRealOutside ?? 0));
    return tf.addN(terms) as tf.Scalar;
  });
}
