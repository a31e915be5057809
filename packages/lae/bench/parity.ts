// Numeric parity of the PyTorch twin with the TS model: same weights, same batch → same batch-norm statistics,
// losses, gradients (training mode, dropout off) and scoring outputs (moving statistics), within tolerance.
import * as tf from '@tensorflow/tfjs-core';
import { type LaeConfig } from '../src/config.ts';
import { batchTensors, disposeBatch, packSamples } from '../src/dataset.ts';
import { encode } from '../src/model.ts';
import { createParams, disposeParams, paramSpecs, trainableNames, type Params } from '../src/params.ts';
import { BatchScorer } from '../src/score.ts';
import { computeStep } from '../src/step.ts';
import { benchSamples } from './data.ts';
import { b64, unb64, type TorchTwin } from './twin.ts';

/** Relative tolerances: error / max |reference| per quantity (float32, different summation orders). */
export const TOLERANCE = { losses: 1e-4, stats: 1e-4, grads: 1e-3, score: 1e-4 } as const;

export interface ParityResult {
  /** Worst relative error per quantity, and where. */
  worst: Record<keyof typeof TOLERANCE, { err: number; at: string }>;
  ok: boolean;
  /** Latent values within KINK·max|h| of 0 in the batch used (0 unless no candidate batch avoided them). */
  kinks: number;
}

/**
 * |h| has a kink at 0: where float32 noise (~1e-5 relative) flips the sign of a latent value, the two frameworks'
 * gradients legitimately differ by that element's whole contribution. Parity therefore uses the first of a few
 * seeded batches whose latent has no value that close to 0 (checked, never silently: the count is reported).
 */
const KINK = 1e-5;

function kinks(p: Params, c: LaeConfig, x: tf.Tensor4D): number {
  return tf.tidy(() => {
    const h = encode(p, c, x, 'train').h.dataSync();
    let max = 0;
    for (const v of h) max = Math.max(max, Math.abs(v));
    let n = 0;
    for (const v of h) if (Math.abs(v) < KINK * max) n++;
    return n;
  });
}

function relErr(a: Float32Array, b: Float32Array): number {
  let scale = 1e-12;
  let err = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    err = Math.max(err, Math.abs(a[i]! - b[i]!));
  }
  return a.length === b.length ? err / scale : Infinity;
}

interface TwinParity {
  losses: Record<string, number>;
  grads: Record<string, string>;
  stats: Record<string, [string, string]>;
  score: Record<string, string>;
}

export async function checkParity(twin: TorchTwin, c: LaeConfig, n = 4): Promise<ParityResult> {
  await twin.build(c, 1);
  const p = createParams(c);
  const rows = Array.from({ length: n }, (_, i) => i);
  // Every candidate has a masked fake at row 1 (benchSamples), so L_att is always in the comparison.
  let b = batchTensors(packSamples(benchSamples(n, c.imageSize, 7), c), rows);
  let kinkCount = kinks(p, c, b.x);
  for (let seed = 8; seed < 24 && kinkCount > 0; seed++) {
    disposeBatch(b);
    b = batchTensors(packSamples(benchSamples(n, c.imageSize, seed), c), rows);
    kinkCount = kinks(p, c, b.x);
  }
  try {
    const step = computeStep(p, c, trainableNames(c), b, null);
    // Moving statistics that are not the initial 0/1, so scoring parity tests the eval-mode path for real.
    for (const s of step.stats) {
      p.get(`${s.prefix}/moving_mean`)!.assign(s.mean);
      p.get(`${s.prefix}/moving_variance`)!.assign(tf.tidy(() => tf.add(s.variance, 0.05)));
    }
    const weights: Record<string, string> = {};
    for (const s of paramSpecs(c)) weights[s.name] = b64(p.get(s.name)!.dataSync() as Float32Array);
    const scorer = new BatchScorer(p, c);
    const scored = scorer.score(b.x, 0, 0);
    scorer.dispose();
    const batch = { x: b64(b.x.dataSync() as Float32Array), labels: Array.from(b.labels.dataSync()), masked: Array.from(b.masked.dataSync()), outside: b64(b.outside.dataSync() as Float32Array), total: b64(b.total.dataSync() as Float32Array), maskedCount: b.maskedCount };
    const r = await twin.request<TwinParity>({ cmd: 'parity', weights, batch });
    const worst: ParityResult['worst'] = { losses: { err: 0, at: '' }, stats: { err: 0, at: '' }, grads: { err: 0, at: '' }, score: { err: 0, at: '' } };
    const note = (kind: keyof typeof TOLERANCE, at: string, err: number): void => {
      if (!(err <= worst[kind].err)) worst[kind] = { err, at };
    };
    for (const k of ['total', 'act', 'rec', 'att', 'real'] as const) note('losses', k, Math.abs(step.losses[k] - r.losses[k]!) / Math.max(1e-6, Math.abs(step.losses[k])));
    for (const s of step.stats) {
      const [m, v] = r.stats[s.prefix]!;
      note('stats', `${s.prefix} mean`, relErr(unb64(m), s.mean.dataSync() as Float32Array));
      note('stats', `${s.prefix} variance`, relErr(unb64(v), s.variance.dataSync() as Float32Array));
    }
    for (const name of trainableNames(c)) note('grads', name, relErr(unb64(r.grads[name]!), step.grads.get(name)!.dataSync() as Float32Array));
    for (const k of ['p', 'margin', 'entropy', 'dispersion', 'attention', 'embedding'] as const) note('score', k, relErr(unb64(r.score[k]!), scored[k]));
    tf.dispose([...step.grads.values(), ...step.stats.flatMap((s) => [s.mean, s.variance])]);
    const ok = (Object.keys(TOLERANCE) as Array<keyof typeof TOLERANCE>).every((k) => worst[k].err <= TOLERANCE[k]);
    return { worst, ok, kinks: kinkCount };
  } finally {
    disposeBatch(b);
    disposeParams(p);
  }
}
