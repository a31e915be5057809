// Weight snapshots as plain arrays: best-epoch restore, cancellation, and transfer to worker threads.
import * as tf from '@tensorflow/tfjs-core';
import { type Params } from './params.ts';

export type Snapshot = Map<string, Float32Array>;

export function snapshot(p: Params): Snapshot {
  const s: Snapshot = new Map();
  for (const [name, v] of p) s.set(name, v.dataSync().slice() as Float32Array);
  return s;
}

export function restore(p: Params, s: Snapshot): void {
  for (const [name, v] of p) {
    const data = s.get(name);
    if (!data) throw new Error(`LAE: snapshot lacks '${name}'`);
    const t = tf.tensor(data, v.shape);
    v.assign(t);
    t.dispose();
  }
}

/** All weights (in the given order) concatenated into one array. */
export function flatten(p: Params, names: readonly string[]): Float32Array {
  let size = 0;
  for (const n of names) size += p.get(n)!.size;
  const out = new Float32Array(size);
  let o = 0;
  for (const n of names) {
    const d = p.get(n)!.dataSync();
    out.set(d, o);
    o += d.length;
  }
  return out;
}

export function unflatten(p: Params, names: readonly string[], flat: Float32Array): void {
  let o = 0;
  for (const n of names) {
    const v = p.get(n)!;
    const t = tf.tensor(flat.subarray(o, o + v.size), v.shape);
    v.assign(t);
    t.dispose();
    o += v.size;
  }
  if (o !== flat.length) throw new Error(`LAE: flat weights hold ${flat.length} values, the model ${o}`);
}
