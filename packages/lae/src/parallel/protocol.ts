// Messages between the coordinating thread and LAE worker threads.
import { type BackendName } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { type PackedData } from '../dataset.ts';
import { type LossValues } from '../step.ts';

export type ToWorker =
  | { type: 'init'; config: LaeConfig; backend: BackendName; data: PackedData | null }
  | { type: 'step'; id: number; weights: Float32Array; rows: number[]; seed: number }
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
  | { type: 'grads'; id: number; grads: Float32Array; stats: Float32Array; losses: LossValues; count: number }
  | { type: 'scored'; id: number; out: ScoreArrays };
