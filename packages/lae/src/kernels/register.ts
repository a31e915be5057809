import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { registerComparisonGradients } from './comparison-grads.ts';
import { assertShareableTfjs, castConfig, identityConfig } from './share.ts';

let wasmDone = false;

/** Kernels wasm lacks (filter gradient) or runs naively (input gradient), as XNNPACK-backed compositions. */
export function registerWasmTrainingKernels(): void {
  if (wasmDone) return;
  wasmDone = true;
  if (tf.getKernel(tf.Conv2DBackpropFilter, 'wasm') == null) tf.registerKernel(conv2dBackpropFilterConfig);
  const stock = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
  if (stock) tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm');
  tf.registerKernel(conv2dBackpropInputConfig(stock?.kernelFunc));
  assertShareableTfjs();
  for (const [name, make] of [
    [tf.Identity, identityConfig],
    [tf.Cast, castConfig],
  ] as const) {
    const k = tf.getKernel(name, 'wasm');
    if (!k) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(make(k.kernelFunc));
  }
}

export { registerComparisonGradients };
