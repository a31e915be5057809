// Helpers for tests that compare a kernel's output with a reference (another backend, or loops).
import * as tf from '@tensorflow/tfjs-core';

/** max |a − b| / max |b| (at least 1e-6 in the denominator). */
export function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-6;
  let err = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    err = Math.max(err, Math.abs(a[i]! - b[i]!));
  }
  return err / scale;
}

/** Runs fn on a backend and returns plain arrays, so results of two backends can be compared. */
export async function onBackend(backend: string, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(fn);
  const arrays = out.map((t) => t.dataSync().slice() as Float32Array);
  tf.dispose(out);
  return arrays;
}
