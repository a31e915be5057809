// Samples packed once into shared buffers: batches are views, worker threads read the same memory.
import * as tf from '@tensorflow/tfjs-core';
import { projectMask } from './attention.ts';
import { attentionGrid, type LaeConfig } from './config.ts';
import { compositePair, featherMask, featherRadius, pairsOf } from './counterfactual.ts';
import { maskToGrid, writeImage, type ImageInput, type MaskInput } from './images.ts';

export type Label = 'real' | 'fake' | 0 | 1;

export interface LabeledSample {
  image: ImageInput;
  /** 'real' / 0 or 'fake' / 1. */
  label: Label;
  /** Forgery mask of a fake (ignored for reals: their mask is empty). */
  mask?: MaskInput | null;
}

export interface PackedData {
  n: number;
  size: number;
  grid: number;
  /** n × S × S × 3, uint8. */
  images: Uint8Array;
  labels: Uint8Array;
  /** 1 where a fake carries a mask. */
  masked: Uint8Array;
  /** n × g × g: mask weights outside the forgery on the attention grid (see projectMask). */
  outside: Float32Array;
  /** g × g: weights of every pixel (same for all samples). */
  total: Float32Array;
  /** Feathered S × S masks of the masked fakes, for counterfactual pairs; row r's is at alphaRow[r] (−1: none). */
  alpha: Float32Array;
  alphaRow: Int32Array;
}

export function labelOf(l: Label): 0 | 1 {
  if (l === 'fake' || l === 1) return 1;
  if (l === 'real' || l === 0) return 0;
  throw new Error(`LAE: invalid label ${String(l)}`);
}

function shared(bytes: number): ArrayBuffer {
  return new SharedArrayBuffer(bytes) as unknown as ArrayBuffer;
}

export function packImages(images: readonly ImageInput[], size: number): Uint8Array {
  const out = new Uint8Array(shared(images.length * size * size * 3));
  images.forEach((img, i) => writeImage(img, size, out, i * size * size * 3));
  return out;
}

/**
 * n × S × S × 3 floats in [0,1] (scoring: no 8-bit round trip for float inputs), in new shared memory (workers
 * read it) or in `into`: scoring packs every batch into one buffer, as a fresh 3 MB buffer per 64² batch cost
 * more than the copy into it.
 */
export function packImagesFloat(images: readonly ImageInput[], size: number, into?: Float32Array): Float32Array {
  const px = size * size * 3;
  if (into && into.length < images.length * px) throw new RangeError(`packImagesFloat: ${images.length} images need ${images.length * px} floats, the buffer holds ${into.length}`);
  const out = into ? into.subarray(0, images.length * px) : new Float32Array(shared(images.length * px * 4));
  let tmp: Uint8Array | null = null;
  images.forEach((img, i) => {
    if (img instanceof Float32Array && img.length === px) {
      out.set(img, i * px);
      return;
    }
    tmp ??= new Uint8Array(px);
    writeImage(img, size, tmp, 0);
    for (let k = 0; k < px; k++) out[i * px + k] = tmp[k]! / 255;
  });
  return out;
}

/** Rows [start, start + count) of packed float images as a tensor. */
export function floatImageTensor(images: Float32Array, size: number, start: number, count: number): tf.Tensor4D {
  const px = size * size * 3;
  return tf.tensor4d(images.subarray(start * px, (start + count) * px), [count, size, size, 3]);
}

export function packSamples(samples: readonly LabeledSample[], c: LaeConfig): PackedData {
  const size = c.imageSize;
  const g = attentionGrid(c);
  const n = samples.length;
  const labels = new Uint8Array(shared(n));
  const masked = new Uint8Array(shared(n));
  const outside = new Float32Array(shared(n * g * g * 4));
  let total: Float32Array = projectMask(new Float32Array(size * size), size, g).total;
  const alphaRow = new Int32Array(shared(n * 4)).fill(-1);
  const masks: Float32Array[] = [];
  samples.forEach((s, i) => {
    labels[i] = labelOf(s.label);
    if (labels[i] === 1 && s.mask) {
      const grid = maskToGrid(s.mask, size);
      const proj = projectMask(grid, size, g);
      outside.set(proj.outside, i * g * g);
      total = proj.total;
      masked[i] = 1;
      alphaRow[i] = masks.length;
      masks.push(featherMask(grid, size, featherRadius(size)));
    }
  });
  const alpha = new Float32Array(shared(Math.max(1, masks.length) * size * size * 4));
  masks.forEach((m, k) => alpha.set(m, k * size * size));
  return { n, size, grid: g, images: packImages(samples.map((s) => s.image), size), labels, masked, outside, total, alpha, alphaRow };
}

export interface Batch {
  x: tf.Tensor4D;
  labels: tf.Tensor1D;
  masked: tf.Tensor1D;
  outside: tf.Tensor3D;
  total: tf.Tensor3D;
  maskedCount: number;
}

/**
 * The rows' tensors. With `counterfactual`, each masked fake of the rows adds its pair (counterfactual.ts):
 * the batch grows by two per masked fake, real-in-context (label 0, unmasked) then forgery-moved (label 1, the
 * fake's mask).
 */
export function batchTensors(d: PackedData, idx: readonly number[], counterfactual = false): Batch {
  const g2 = d.grid * d.grid;
  const px = d.size * d.size * 3;
  const pairs = counterfactual ? pairsOf(idx.map((r) => d.labels[r]!), idx.map((r) => d.masked[r]!)) : [];
  const b = idx.length + 2 * pairs.length;
  const outside = new Float32Array(b * g2);
  const total = new Float32Array(b * g2);
  const labels = new Float32Array(b);
  const masked = new Float32Array(b);
  const x = new Float32Array(b * px);
  idx.forEach((r, j) => {
    labels[j] = d.labels[r]!;
    masked[j] = d.masked[r]!;
    outside.set(d.outside.subarray(r * g2, (r + 1) * g2), j * g2);
    const src = d.images.subarray(r * px, (r + 1) * px);
    for (let k = 0; k < px; k++) x[j * px + k] = src[k]! / 255;
  });
  pairs.forEach(([f, r], k) => {
    const jr = idx.length + 2 * k;
    const jf = jr + 1;
    const a = d.alphaRow[idx[f]!]!;
    compositePair(x.subarray(f * px, (f + 1) * px), x.subarray(r * px, (r + 1) * px), d.alpha.subarray(a * d.size * d.size, (a + 1) * d.size * d.size), x.subarray(jr * px, (jr + 1) * px), x.subarray(jf * px, (jf + 1) * px));
    labels[jf] = 1;
    masked[jf] = 1;
    outside.set(outside.subarray(f * g2, (f + 1) * g2), jf * g2);
  });
  for (let j = 0; j < b; j++) total.set(d.total, j * g2);
  return {
    x: tf.tensor4d(x, [b, d.size, d.size, 3]),
    labels: tf.tensor1d(labels),
    masked: tf.tensor1d(masked),
    outside: tf.tensor3d(outside, [b, d.grid, d.grid]),
    total: tf.tensor3d(total, [b, d.grid, d.grid]),
    maskedCount: masked.reduce((s, v) => s + v, 0),
  };
}

export function disposeBatch(b: Batch): void {
  tf.dispose([b.x, b.labels, b.masked, b.outside, b.total]);
}
