// Messages between the coordinating thread and LAE worker threads.
import { type BackendName } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { type PackedData } from '../dataset.ts';
import { type OptimizerState } from '../optimizer-state.ts';
import { type LossValues } from '../step.ts';

export type ToWorker =
  | { type: 'init'; config: LaeConfig; backend: BackendName; data: PackedData | null }
  /** Training replica: this thread's copy of every weight and of Adam's state, kept in step with the coordinator's. */
  | { type: 'replicate'; id: number; weights: Float32Array; optimizer: OptimizerState; accBeta: [number, number] }
  /** Gradients of `rows` against the replica's current weights. */
  | { type: 'step'; id: number; rows: number[]; seed: number }
  /** The step's averaged gradients and batch statistics: every replica applies the same update. */
  | { type: 'apply'; grads: Float32Array; stats: Float32Array; statPrefixes: string[]; learningRate: number }
  /** All weights, to compare replicas (tests). */
  | { type: 'weights'; id: number }
  | { type: 'setWeights'; weights: Float32Array }
  | { type: 'score'; id: number; images: Float32Array; start: number; count: number; mcSamples: number; seed: number };

export interface ScoreArrays {
  p: Float32Array;
  margin: Float32Array;
  entropy: Float32Array;
  dispersion: Float32Array;
  bald: Float32Array;
  attention: Float32Array;
  embedding: Float32Array;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'error'; id: number | null; message: string }
  | { type: 'replicated'; id: number }
  | { type: 'grads'; id: number; grads: Float32Array; stats: Float32Array; losses: LossValues; count: number }
  | { type: 'weights'; id: number; weights: Float32Array }
  | { type: 'scored'; id: number; out: ScoreArrays };
