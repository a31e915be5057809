// Weights as named variables: plain ops (no tfjs-layers) keep the Grad-CAM double gradient under control.
import * as tf from '@tensorflow/tfjs-core';
import { type LaeConfig } from './config.ts';

export interface ParamSpec {
  name: string;
  shape: number[];
  trainable: boolean;
  init: 'he' | 'zeros' | 'ones';
  /** Fan-in for He initialisation. */
  fanIn?: number;
}

export type Params = Map<string, tf.Variable>;

function convSpecs(prefix: string, k: number, cin: number, cout: number, bn: boolean): ParamSpec[] {
  const specs: ParamSpec[] = [{ name: `${prefix}/kernel`, shape: [k, k, cin, cout], trainable: true, init: 'he', fanIn: k * k * cin }];
  if (bn) {
    specs.push(
      { name: `${prefix}/gamma`, shape: [cout], trainable: true, init: 'ones' },
      { name: `${prefix}/beta`, shape: [cout], trainable: true, init: 'zeros' },
      { name: `${prefix}/moving_mean`, shape: [cout], trainable: false, init: 'zeros' },
      { name: `${prefix}/moving_variance`, shape: [cout], trainable: false, init: 'ones' },
    );
  } else {
    specs.push({ name: `${prefix}/bias`, shape: [cout], trainable: true, init: 'zeros' });
  }
  return specs;
}

/** The model's topology, as the ordered list of its weights. */
export function paramSpecs(c: LaeConfig): ParamSpec[] {
  const specs: ParamSpec[] = [];
  let cin = 3;
  c.encoderChannels.forEach((cout, i) => {
    specs.push(...convSpecs(`enc${i}`, 3, cin, cout, true));
    cin = cout;
  });
  specs.push(...convSpecs('latent', 1, cin, 2 * c.latentChannels, false));
  cin = 2 * c.latentChannels;
  c.decoderChannels.forEach((cout, i) => {
    specs.push(...convSpecs(`dec${i}`, 3, cin, cout, true));
    cin = cout;
  });
  specs.push(...convSpecs('out', 3, cin, 12, false)); // sub-pixel: 4 × RGB
  return specs;
}

export function createParams(c: LaeConfig): Params {
  const params: Params = new Map();
  paramSpecs(c).forEach((s, i) => {
    const init = tf.tidy(() => {
      if (s.init === 'zeros') return tf.zeros(s.shape);
      if (s.init === 'ones') return tf.ones(s.shape);
      return tf.randomNormal(s.shape, 0, Math.sqrt(2 / (s.fanIn ?? 1)), 'float32', c.seed * 1009 + i);
    });
    params.set(s.name, tf.variable(init, s.trainable, variableName(s.name)));
    init.dispose();
  });
  return params;
}

let counter = 0;
/** tfjs variable names are global to the engine: several models may live side by side. */
export function variableName(name: string): string {
  counter += 1;
  return `lae_${name}_${counter}`;
}

export function param(p: Params, name: string): tf.Variable {
  const v = p.get(name);
  if (!v) throw new Error(`LAE: missing weight '${name}'`);
  return v;
}

export function disposeParams(p: Params): void {
  for (const v of p.values()) v.dispose();
  p.clear();
}

export function trainableNames(c: LaeConfig): string[] {
  return paramSpecs(c).filter((s) => s.trainable).map((s) => s.name);
}
