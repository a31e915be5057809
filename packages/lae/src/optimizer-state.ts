// Adam's state carried across train() calls and inside the artifact, so that a warm-started round continues the
// optimisation where the parent's ended (issue 13) instead of restarting Adam's moment estimates from zero.
import * as tf from '@tensorflow/tfjs-core';
import { type Params } from './params.ts';

/** Step count and first/second moments, by weight name (not tfjs' engine-global variable names). */
export interface OptimizerState {
  steps: number;
  m: Map<string, Float32Array>;
  v: Map<string, Float32Array>;
}

/** Prefix of the optimizer's entries in an artifact's weight manifest. */
export const OPTIMIZER_PREFIX = 'optimizer/';

/** The state of an Adam optimizer (tfjs' getWeights: iterations, then m per variable, then v) by weight name. */
export async function captureAdam(optimizer: tf.Optimizer, p: Params): Promise<OptimizerState> {
  const weightOf = new Map([...p].map(([name, v]) => [v.name, name]));
  const [iterations, ...moments] = await optimizer.getWeights();
  // getWeights makes a new tensor for the step count (the moments are the optimizer's own variables).
  const steps = iterations ? (iterations.tensor.dataSync()[0] ?? 0) : 0;
  iterations?.tensor.dispose();
  const state: OptimizerState = { steps, m: new Map(), v: new Map() };
  for (const { name, tensor } of moments) {
    const slash = name.lastIndexOf('/');
    const weight = weightOf.get(name.slice(0, slash));
    const kind = name.slice(slash + 1);
    if (!weight || (kind !== 'm' && kind !== 'v')) throw new Error(`LAE: unexpected optimizer weight '${name}'`);
    state[kind].set(weight, tensor.dataSync().slice() as Float32Array);
  }
  return state;
}

/**
 * Loads `state` into a fresh Adam for the weights `names` in the order their gradients are applied (tfjs keeps
 * moments by position). Weights the state lacks (none after a complete step) start from zero moments.
 */
export async function seedAdam(optimizer: tf.Optimizer, p: Params, names: readonly string[], state: OptimizerState): Promise<void> {
  const moment = (kind: 'm' | 'v') =>
    names.map((n) => {
      const v = p.get(n)!;
      const data = state[kind].get(n);
      if (data && data.length !== v.size) throw new Error(`LAE: optimizer state for '${n}' has ${data.length} values, the weight ${v.size}`);
      return { name: `${v.name}/${kind}`, tensor: data ? tf.tensor(data, v.shape) : tf.zerosLike(v) };
    });
  const values = [{ name: 'iter', tensor: tf.scalar(state.steps, 'int32') }, ...moment('m'), ...moment('v')];
  await optimizer.setWeights(values);
  tf.dispose(values.map((w) => w.tensor));
}

/** The state as artifact weights (names under OPTIMIZER_PREFIX). */
export function optimizerTensors(state: OptimizerState): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = { [`${OPTIMIZER_PREFIX}steps`]: tf.tensor1d([state.steps]) };
  for (const kind of ['m', 'v'] as const) for (const [name, data] of state[kind]) out[`${OPTIMIZER_PREFIX}${kind}/${name}`] = tf.tensor1d(data);
  return out;
}

/** Reads the state back from decoded artifact weights (null when the artifact has none). */
export function optimizerFromTensors(weights: tf.NamedTensorMap): OptimizerState | null {
  const steps = weights[`${OPTIMIZER_PREFIX}steps`];
  if (!steps) return null;
  const state: OptimizerState = { steps: steps.dataSync()[0] ?? 0, m: new Map(), v: new Map() };
  for (const [key, t] of Object.entries(weights)) {
    const m = /^optimizer\/([mv])\/(.+)$/.exec(key);
    if (m) state[m[1] as 'm' | 'v'].set(m[2]!, t.dataSync().slice() as Float32Array);
  }
  return state;
}
