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

/** L_rec = mean |x − x̂|. */
export function lossRec(x: tf.Tensor, recon: tf.Tensor): tf.Scalar {
  return tf.mean(tf.abs(tf.sub(x, recon)));
}

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
}

export function lossTotal(parts: { act: tf.Scalar; rec: tf.Scalar; att: tf.Scalar }, w: LossWeights): tf.Scalar {
  return tf.tidy(() => tf.addN([tf.mul(parts.act, w.lambdaAct), tf.mul(parts.rec, w.lambdaRec), tf.mul(parts.att, w.lambdaAtt)]) as tf.Scalar);
}
