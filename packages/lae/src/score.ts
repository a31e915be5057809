// Batched inference: p(fake), class, uncertainty for every acquisition strategy, attention, embedding.
import * as tf from '@tensorflow/tfjs-core';
import { gradcamAt, gradcamLatent } from './attention.ts';
import { attentionGrid, type LaeConfig } from './config.ts';
import { floatImageTensor, packImagesFloat } from './dataset.ts';
import { attentionHeatmap } from './heatmap.ts';
import { type ImageInput } from './images.ts';
import { activationsFromMeans, channelMeans, disposeFolded, encode, encodeFolded, foldEncoder, pFake, type FoldedConv } from './model.ts';
import { type OrtEncoder } from './onnx/engine.ts';
import { type Params } from './params.ts';

export interface Uncertainty {
  /** 1 − |p(fake) − p(real)|: 1 on the boundary. */
  margin: number;
  /** Binary entropy of p(fake), in bits (0–1). */
  entropy: number;
  /** Normalised entropy of the attention map (0 = one cell, 1 = uniform or empty). */
  attention: number;
  /** MC-dropout mutual information (bits): H(mean p) − mean H(p). */
  bald: number;
}

export interface ScoreResult {
  pFake: number;
  predicted: 'real' | 'fake';
  uncertainty: Uncertainty;
  /** Grad-CAM map on the attention grid (attentionSize²), row-major, scaled to [0,1]. */
  attention: Float32Array;
  attentionSize: number;
  /** S×S×4 RGBA jet heatmap when requested (`heatmap: true`). */
  heatmap?: Uint8ClampedArray;
  /** Latent embedding for diversity (mean |h| per latent channel, 2K values). */
  embedding: Float32Array;
}

export interface ScoreOptions {
  /** Images per forward pass (default config.score.batchSize). */
  batchSize?: number;
  /** MC-dropout passes for BALD (default config.score.mcSamples; 0 skips BALD, reported as 0). */
  mcSamples?: number;
  /** Also render an RGBA heatmap per image. */
  heatmap?: boolean;
  /** Threshold on p(fake) for `predicted` (default: the model's meta.decisionThreshold, else 0.5). */
  decisionThreshold?: number;
}

const LOG2 = Math.log(2);

function binaryEntropy(p: tf.Tensor): tf.Tensor {
  const q = tf.clipByValue(p, 1e-7, 1 - 1e-7);
  return tf.div(tf.neg(tf.add(tf.mul(q, tf.log(q)), tf.mul(tf.sub(1, q), tf.log(tf.sub(1, q))))), LOG2);
}

export interface BatchOut {
  p: Float32Array;
  margin: Float32Array;
  entropy: Float32Array;
  dispersion: Float32Array;
  bald: Float32Array;
  attention: Float32Array;
  embedding: Float32Array;
}

/** heads() on a latent array as tensors: scoreLatent's reference, and its 'latent-signed' path. */
export function scoreLatentTensors(c: LaeConfig, latent: Float32Array, dims: readonly number[], mcSamples: number, seed: number): BatchOut {
  return read(
    tf.tidy(() => {
      const h = tf.tensor4d(latent, dims as [number, number, number, number]);
      return heads(c, h, gradcamLatent(h, c.latentChannels, c.attentionLayer === 'latent-signed'), mcSamples, seed);
    }),
  );
}

/**
 * Everything after the latent h [B,g,g,2K]: p(fake), uncertainties, the normalised attention map and the
 * embedding, as the tensors BatchOut holds (in its order). `cam`: the Grad-CAM map [B,g',g'] (latent or block).
 */
function heads(c: LaeConfig, h: tf.Tensor4D, cam: tf.Tensor3D, mcSamples: number, seed: number): tf.Tensor[] {
  const k = c.latentChannels;
  const means = channelMeans(h);
  const { a0, a1 } = activationsFromMeans(means, k);
  const pf = pFake(a0, a1, c.epsilon);
  const margin = tf.sub(1, tf.abs(tf.sub(tf.mul(pf, 2), 1)));
  const entropy = binaryEntropy(pf);
  const max = tf.max(cam, [1, 2], true);
  const att = tf.div(cam, tf.add(max, 1e-12));
  // Dispersion: entropy of the normalised map over log(cells); an empty map counts as fully diffuse.
  const sum = tf.sum(cam, [1, 2], true);
  const q = tf.div(cam, tf.add(sum, 1e-12));
  const cells = cam.shape[1] * cam.shape[2];
  const hq = tf.div(tf.neg(tf.sum(tf.mul(q, tf.log(tf.add(q, 1e-12))), [1, 2])), Math.log(cells));
  const dispersion = tf.where(tf.greater(tf.reshape(sum, [-1]), 0), hq, tf.onesLike(hq));
  return [pf, margin, entropy, dispersion, bald(c, means, mcSamples, seed), att, means];
}

/** MC-dropout mutual information from the channel means [B,2K] (zeros without MC samples or dropout). */
function bald(c: LaeConfig, means: tf.Tensor2D, mcSamples: number, seed: number): tf.Tensor {
  if (mcSamples <= 0 || c.dropout <= 0) return tf.zeros([means.shape[0]]);
  const ps: tf.Tensor[] = [];
  for (let t = 0; t < mcSamples; t++) {
    const d = activationsFromMeans(means, c.latentChannels, c.dropout, seed + t);
    ps.push(pFake(d.a0, d.a1, c.epsilon));
  }
  const stack = tf.stack(ps);
  return tf.relu(tf.sub(binaryEntropy(tf.mean(stack, 0)), tf.mean(binaryEntropy(stack), 0)));
}

function read(outs: tf.Tensor[]): BatchOut {
  const arrays = outs.map((t) => t.dataSync() as Float32Array);
  tf.dispose(outs);
  const [p, margin, entropy, dispersion, bald, attention, embedding] = arrays as [Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array, Float32Array];
  return { p, margin, entropy, dispersion, bald, attention, embedding };
}

/**
 * Scores batches with one set of weights. With moving statistics and a latent attention map, batch norm is folded
 * into the encoder's convs once for the whole pass and the heads run in plain loops (scoreLatent): at 64² the
 * per-batch folding and the ~20 head kernels cost about as much as the five convs. dispose() when done.
 */
export class BatchScorer {
  private readonly folded: FoldedConv[] | null;

  constructor(
    private readonly p: Params,
    private readonly c: LaeConfig,
  ) {
    this.folded = c.bnEval !== 'batch' && typeof c.attentionLayer !== 'number' ? foldEncoder(p, c) : null;
  }

  /** Scores a batch tensor x [B,S,S,3] in [0,1]. */
  score(x: tf.Tensor4D, mcSamples: number, seed: number): BatchOut {
    const { p, c } = this;
    const layer = c.attentionLayer;
    if (typeof layer !== 'number') {
      const h = this.folded ? encodeFolded(this.folded, c, x) : tf.tidy(() => encode(p, c, x, 'train').h);
      const latent = h.dataSync() as Float32Array;
      const dims = h.shape;
      h.dispose();
      return scoreLatent(c, latent, dims, mcSamples, seed);
    }
    return read(
      tf.tidy(() => {
        const mode = c.bnEval === 'batch' ? 'train' : 'eval';
        const { h, features } = encode(p, c, x, mode);
        return heads(c, h, gradcamAt(p, c, features[layer]!, layer, mode, false), mcSamples, seed);
      }),
    );
  }

  dispose(): void {
    if (this.folded) disposeFolded(this.folded);
  }
}

/**
 * Everything after the latent h (from tfjs or the onnxruntime encoder). The default 'latent' attention in plain
 * loops: at 64² a batch's heads are ~20 tfjs kernels whose dispatch costs more than the arithmetic. The same
 * arithmetic as heads(), checked against it in score.test.ts; 'latent-signed' runs heads() itself.
 */
export function scoreLatent(c: LaeConfig, latent: Float32Array, dims: readonly number[], mcSamples: number, seed: number): BatchOut {
  const layer = c.attentionLayer;
  if (typeof layer === 'number') throw new Error('LAE: scoring from the latent needs a latent attention layer');
  if (layer === 'latent-signed') return scoreLatentTensors(c, latent, dims, mcSamples, seed);
  const [b, g1, g2, k2] = dims as [number, number, number, number];
  const k = k2 / 2;
  const cells = g1 * g2;
  const out: BatchOut = {
    p: new Float32Array(b),
    margin: new Float32Array(b),
    entropy: new Float32Array(b),
    dispersion: new Float32Array(b),
    bald: new Float32Array(b),
    attention: new Float32Array(b * cells),
    embedding: new Float32Array(b * k2),
  };
  const sums = new Float64Array(k2);
  const entropyOf = (p: number) => {
    const q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
    return -(q * Math.log(q) + (1 - q) * Math.log(1 - q)) / LOG2;
  };
  for (let i = 0; i < b; i++) {
    sums.fill(0);
    const cam = out.attention.subarray(i * cells, (i + 1) * cells);
    for (let cell = 0; cell < cells; cell++) {
      const base = (i * cells + cell) * k2;
      let fake = 0;
      for (let ch = 0; ch < k2; ch++) {
        const a = Math.abs(latent[base + ch]!);
        sums[ch]! += a;
        if (ch >= k) fake += a;
      }
      cam[cell] = fake / (cells * k);
    }
    let a0 = 0;
    let a1 = 0;
    for (let ch = 0; ch < k2; ch++) {
      const m = sums[ch]! / cells;
      out.embedding[i * k2 + ch] = m;
      if (ch < k) a0 += m;
      else a1 += m;
    }
    const p = a1 / k / (a0 / k + a1 / k + c.epsilon);
    out.p[i] = p;
    out.margin[i] = 1 - Math.abs(2 * p - 1);
    out.entropy[i] = entropyOf(p);
    let max = 0;
    let sum = 0;
    for (let cell = 0; cell < cells; cell++) {
      max = Math.max(max, cam[cell]!);
      sum += cam[cell]!;
    }
    let hq = 0;
    for (let cell = 0; cell < cells; cell++) {
      const q = cam[cell]! / (sum + 1e-12);
      hq -= q * Math.log(q + 1e-12);
      cam[cell] = cam[cell]! / (max + 1e-12);
    }
    // An empty map counts as fully diffuse.
    out.dispersion[i] = sum > 0 ? hq / Math.log(cells) : 1;
  }
  if (mcSamples > 0 && c.dropout > 0) {
    out.bald = tf.tidy(() => bald(c, tf.tensor2d(out.embedding, [b, k2]), mcSamples, seed).dataSync() as Float32Array);
  }
  return out;
}

/** Per-image results from one batch's arrays. */
export function toResults(c: LaeConfig, out: BatchOut, count: number, opts: ScoreOptions): ScoreResult[] {
  const threshold = opts.decisionThreshold ?? 0.5;
  const g = attentionGrid(c);
  const g2 = g * g;
  const e = 2 * c.latentChannels;
  const results: ScoreResult[] = [];
  for (let j = 0; j < count; j++) {
    const attention = out.attention.slice(j * g2, (j + 1) * g2);
    const pf = out.p[j]!;
    results.push({
      pFake: pf,
      predicted: pf > threshold ? 'fake' : 'real',
      uncertainty: { margin: out.margin[j]!, entropy: out.entropy[j]!, attention: out.dispersion[j]!, bald: out.bald[j]! },
      attention,
      attentionSize: g,
      ...(opts.heatmap ? { heatmap: attentionHeatmap(attention, g, c.imageSize) } : {}),
      embedding: out.embedding.slice(j * e, (j + 1) * e),
    });
  }
  return results;
}

/** Scores batch by batch, yielding to the event loop between batches (timers and signals of the host keep running). */
export async function scoreImages(p: Params, c: LaeConfig, images: readonly ImageInput[], opts: ScoreOptions = {}): Promise<ScoreResult[]> {
  const bs = opts.batchSize ?? c.score.batchSize;
  const mc = opts.mcSamples ?? c.score.mcSamples;
  const results: ScoreResult[] = [];
  const scorer = new BatchScorer(p, c);
  // One buffer for every batch: the tensor copies it (x is disposed before the next batch is packed).
  const buffer = new Float32Array(Math.min(bs, images.length) * c.imageSize * c.imageSize * 3);
  try {
    for (let i = 0; i < images.length; i += bs) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const chunk = images.slice(i, i + bs);
      const x = floatImageTensor(packImagesFloat(chunk, c.imageSize, buffer), c.imageSize, 0, chunk.length);
      const out = scorer.score(x, mc, c.seed + i);
      x.dispose();
      results.push(...toResults(c, out, chunk.length, opts));
    }
  } finally {
    scorer.dispose();
  }
  return results;
}

/** scoreImages on the onnxruntime encoder (one session, its own intra-op threads; MC-dropout seeds as in scoreImages). */
export async function scoreImagesOrt(encoder: OrtEncoder, c: LaeConfig, images: readonly ImageInput[], opts: ScoreOptions = {}): Promise<ScoreResult[]> {
  const bs = opts.batchSize ?? c.score.batchSize;
  const mc = opts.mcSamples ?? c.score.mcSamples;
  const results: ScoreResult[] = [];
  // Chunks bound the float copy of the images.
  const chunk = 32 * bs;
  for (let i = 0; i < images.length; i += chunk) {
    const part = images.slice(i, i + chunk);
    const packed = packImagesFloat(part, c.imageSize);
    for (let j = 0; j < part.length; j += bs) {
      const count = Math.min(bs, part.length - j);
      const h = await encoder.encode(packed, j, count);
      results.push(...toResults(c, scoreLatent(c, h.data, h.dims, mc, c.seed + i + j), count, opts));
    }
  }
  return results;
}
