import * as tf from '@tensorflow/tfjs-core';
import { adamConfig } from './adam.ts';
import { BN_LEAKY, bnLeakyConfig, bnLeakyGradConfig, bnLeakyGradient } from './bn-leaky.ts';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.ts';
import { recL1Config, recL1GradConfig } from './rec-head.ts';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.ts';
import { registerComparisonGradients } from './comparison-grads.ts';
import { resizeNearestGradConfig } from './resize-nearest-grad.ts';
import { assertShareableTfjs, castConfig, identityConfig } from './share.ts';

let wasmDone = false;

/**
 * Kernels wasm lacks (filter gradient) or runs naively (input gradient, ×2 upsampling gradient), as XNNPACK-backed
 * compositions; fused batch norm + leaky ReLU, the fused output head's L_rec and Adam (fewer kernels and passes);
 * data-sharing Identity/Cast.
 */
export function registerWasmTrainingKernels(): void {
  if (wasmDone) return;
  wasmDone = true;
  if (tf.getKernel(tf.Conv2DBackpropFilter, 'wasm') == null) tf.registerKernel(conv2dBackpropFilterConfig);
  const stock = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
  if (stock) tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm');
  tf.registerKernel(conv2dBackpropInputConfig(stock?.kernelFunc));
  assertShareableTfjs();
  tf.registerKernel(bnLeakyConfig());
  tf.registerKernel(adamConfig());
  tf.registerKernel(bnLeakyGradConfig());
  tf.registerKernel(recL1Config());
  tf.registerKernel(recL1GradConfig());
  if (tf.getGradient(BN_LEAKY) == null) tf.registerGradient(bnLeakyGradient);
  for (const [name, make] of [
    [tf.Identity, identityConfig],
    [tf.Cast, castConfig],
    [tf.ResizeNearestNeighborGrad, resizeNearestGradConfig],
  ] as const) {
    const k = tf.getKernel(name, 'wasm');
    if (!k) continue;
    tf.unregisterKernel(name, 'wasm');
    // The stock kernel stays the fallback: keep its setup (wasm binds its C function there).
    tf.registerKernel({ ...make(k.kernelFunc), setupFunc: k.setupFunc, disposeFunc: k.disposeFunc });
  }
}

export { registerComparisonGradients };
