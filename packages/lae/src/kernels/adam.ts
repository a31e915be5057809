// Adam with one kernel per weight on wasm. tfjs' AdamOptimizer runs ~13 kernels per weight (≈ 330 per step for the
// default model): their dispatch cost, not their arithmetic, made the update a fifth of a 64² training step.
// Same algorithm, same state (the parent's moment variables and accBeta, so getWeights/setWeights keep working),
// each operation rounded to float32 as tfjs' ops are. Other backends run the parent's code.
import * as tf from '@tensorflow/tfjs-core';
import { type KernelConfig, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { type WasmHeap } from './wasm-heap.ts';

export const ADAM = 'LaeAdam';

export interface AdamAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ of this step, as float32. */
  oneMinusAcc1: number;
  oneMinusAcc2: number;
}

const f = Math.fround;

/** [β₁, 1−β₁, β₂, 1−β₂, 1−β₁ᵗ, 1−β₂ᵗ, ε, −lr], each rounded to float32 once: the update's constants. */
export function adamConstants(a: AdamAttrs): Float32Array {
  return Float32Array.of(a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.oneMinusAcc1, a.oneMinusAcc2, a.epsilon, -a.learningRate);
}

/** tfjs' update, op by op: m' = mβ₁ + g(1−β₁), v' = vβ₂ + g²(1−β₂), x' = x − lr·(m'/(1−β₁ᵗ)) / (√(v'/(1−β₂ᵗ)) + ε). */
export function adamUpdate(x: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, a: AdamAttrs, xo: Float32Array, mo: Float32Array, vo: Float32Array): void {
  const [b1, c1, b2, c2, d1, d2, eps, lr] = adamConstants(a) as unknown as [number, number, number, number, number, number, number, number];
  for (let i = 0; i < x.length; i++) {
    const gi = g[i]!;
    const mi = f(f(m[i]! * b1) + f(gi * c1));
    const vi = f(f(v[i]! * b2) + f(f(gi * gi) * c2));
    mo[i] = mi;
    vo[i] = vi;
    xo[i] = f(f(f(mi / d1) / f(f(Math.sqrt(f(vi / d2))) + eps)) * lr) + x[i]!;
  }
}

/** Who runs the update: the loop above, or the native addon (same operations, same rounding). */
export type AdamImpl = typeof adamUpdate;

export function adamConfig(impl: AdamImpl = adamUpdate): KernelConfig {
  return {
    kernelName: ADAM,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, m, v, g } = inputs as NamedTensorInfoMap;
      const be = backend as unknown as WasmHeap;
      const outs = [be.makeOutput(x!.shape, 'float32'), be.makeOutput(x!.shape, 'float32'), be.makeOutput(x!.shape, 'float32')];
      const [xo, mo, vo] = outs.map((t) => be.typedArrayFromHeap(t));
      const h = (t: TensorInfo | undefined): Float32Array => be.typedArrayFromHeap(t!);
      impl(h(x), h(m), h(v), h(g), attrs as unknown as AdamAttrs, xo!, mo!, vo!);
      return outs;
    },
  };
}

interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable }>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable }>;
  incrementIterations(): void;
}

export class FusedAdam extends tf.AdamOptimizer {
  /** The rate of the next updates (a schedule sets it between steps; tfjs keeps it in a protected field). */
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }

  getLearningRate(): number {
    return this.learningRate;
  }

  /** β₁ᵗ and β₂ᵗ as this optimizer holds them: a replica copies them bit for bit (setWeights recomputes them as powers). */
  getAccBeta(): [number, number] {
    const s = this as unknown as AdamState;
    return [s.accBeta1.dataSync()[0]!, s.accBeta2.dataSync()[0]!];
  }

  setAccBeta([b1, b2]: readonly [number, number]): void {
    const s = this as unknown as AdamState;
    tf.tidy(() => {
      s.accBeta1.assign(tf.scalar(b1));
      s.accBeta2.assign(tf.scalar(b2));
    });
  }

  override applyGradients(grads: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (tf.getKernel(ADAM, tf.getBackend()) == null || Array.isArray(grads)) {
      super.applyGradients(grads);
      return;
    }
    const s = this as unknown as AdamState;
    const attrs: AdamAttrs = {
      learningRate: s.learningRate,
      beta1: s.beta1,
      beta2: s.beta2,
      epsilon: s.epsilon,
      oneMinusAcc1: f(1 - s.accBeta1.dataSync()[0]!),
      oneMinusAcc2: f(1 - s.accBeta2.dataSync()[0]!),
    };
    tf.tidy(() => {
      Object.keys(grads).forEach((name, i) => {
        const value = tf.engine().registeredVariables[name]!;
        s.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        s.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const g = (grads as tf.NamedTensorMap)[name];
        if (g == null) return;
        const m = s.accumulatedFirstMoment[i]!.variable;
        const v = s.accumulatedSecondMoment[i]!.variable;
        const [xo, mo, vo] = tf.engine().runKernel(ADAM, { x: value, m, v, g }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(mo!);
        v.assign(vo!);
        value.assign(xo!);
      });
      s.accBeta1.assign(tf.mul(s.accBeta1, s.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, s.beta2));
    });
    s.incrementIterations();
  }
}

/** Drop-in for tf.train.adam(learningRate) (tfjs' defaults β₁ 0.9, β₂ 0.999, ε of the backend). */
export function adam(learningRate: number): FusedAdam {
  return new FusedAdam(learningRate, 0.9, 0.999);
}
