// Worker thread: one wasm instance (one core) computing gradient shards or scoring shards.
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { batchTensors, disposeBatch, floatImageTensor, type PackedData } from '../dataset.ts';
import { adam, type FusedAdam } from '../kernels/adam.ts';
import { seedAdam } from '../optimizer-state.ts';
import { createParams, paramSpecs, trainableNames, type Params } from '../params.ts';
import { BatchScorer } from '../score.ts';
import { computeStep } from '../step.ts';
import { flatten, unflatten } from '../weights.ts';
import { applyAveraged, flattenStep } from './train.ts';
import { type FromWorker, type ToWorker } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('LAE worker: not in a worker thread');

let config: LaeConfig | null = null;
let params: Params | null = null;
let data: PackedData | null = null;
/** This thread's Adam while it is a training replica. */
let optimizer: FusedAdam | null = null;
/** The scorer for the current weights (batch norm folded once, not per batch); dropped whenever they change. */
let scorer: BatchScorer | null = null;

function weightsChanged(): void {
  scorer?.dispose();
  scorer = null;
}

function send(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(msg, transfer);
}

async function handle(msg: ToWorker): Promise<void> {
  const c = config!;
  if (msg.type === 'setWeights' || msg.type === 'replicate' || msg.type === 'apply') weightsChanged();
  if (msg.type === 'setWeights') {
    unflatten(params!, paramSpecs(c).map((s) => s.name), msg.weights);
    return;
  }
  if (msg.type === 'replicate') {
    unflatten(params!, paramSpecs(c).map((s) => s.name), msg.weights);
    optimizer?.dispose();
    optimizer = adam(c.train.learningRate);
    if (msg.optimizer.steps > 0 || msg.optimizer.m.size > 0) await seedAdam(optimizer, params!, trainableNames(c), msg.optimizer);
    optimizer.setAccBeta(msg.accBeta);
    send({ type: 'replicated', id: msg.id });
    return;
  }
  if (msg.type === 'step') {
    const names = trainableNames(c);
    const b = batchTensors(data!, msg.rows, c.train.counterfactual);
    const r = computeStep(params!, c, names, b, msg.seed);
    disposeBatch(b);
    const { grads, stats } = flattenStep(names, r.grads, r.stats);
    tf.dispose([...r.grads.values(), ...r.stats.flatMap((s) => [s.mean, s.variance])]);
    send({ type: 'grads', id: msg.id, grads, stats, losses: r.losses, count: msg.rows.length }, [grads.buffer as ArrayBuffer, stats.buffer as ArrayBuffer]);
    return;
  }
  if (msg.type === 'apply') {
    if (!optimizer) throw new Error('apply before replicate');
    applyAveraged(params!, c, trainableNames(c), optimizer, msg);
    return;
  }
  if (msg.type === 'weights') {
    const weights = flatten(params!, paramSpecs(c).map((s) => s.name));
    send({ type: 'weights', id: msg.id, weights }, [weights.buffer as ArrayBuffer]);
    return;
  }
  if (msg.type === 'score') {
    const x = floatImageTensor(msg.images, c.imageSize, msg.start, msg.count);
    scorer ??= new BatchScorer(params!, c);
    const out = scorer.score(x, msg.mcSamples, msg.seed);
    x.dispose();
    send({ type: 'scored', id: msg.id, out }, Object.values(out).map((a: Float32Array) => a.buffer as ArrayBuffer));
  }
}

let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'init') {
    initBackend({ backend: msg.backend, logger: { info: () => undefined, warn: () => undefined } })
      .then(() => {
        config = msg.config;
        params = createParams(msg.config);
        data = msg.data;
        send({ type: 'ready' });
      })
      .catch((err: unknown) => send({ type: 'error', id: null, message: (err as Error).message }));
    return;
  }
  // One message at a time, in order (a replica's update must land before the next step's gradients).
  queue = queue
    .then(() => handle(msg))
    .catch((err: unknown) => send({ type: 'error', id: 'id' in msg ? msg.id : null, message: (err as Error).stack ?? String(err) }));
});

