// Worker thread: one wasm instance (one core) computing gradient shards or scoring shards.
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { batchTensors, disposeBatch, floatImageTensor, type PackedData } from '../dataset.ts';
import { createParams, paramSpecs, trainableNames, type Params } from '../params.ts';
import { scoreTensor } from '../score.ts';
import { computeStep } from '../step.ts';
import { unflatten } from '../weights.ts';
import { type FromWorker, type ToWorker } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('LAE worker: not in a worker thread');

let config: LaeConfig | null = null;
let params: Params | null = null;
let data: PackedData | null = null;

function send(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(msg, transfer);
}

function handle(msg: ToWorker): void {
  if (msg.type === 'setWeights') {
    unflatten(params!, paramSpecs(config!).map((s) => s.name), msg.weights);
    return;
  }
  if (msg.type === 'step') {
    const c = config!;
    const names = trainableNames(c);
    unflatten(params!, names, msg.weights);
    const b = batchTensors(data!, msg.rows, c.train.counterfactual);
    const r = computeStep(params!, c, names, b, msg.seed);
    disposeBatch(b);
    const grads = flattenTensors(names.map((n) => r.grads.get(n)!));
    const stats = flattenTensors(r.stats.flatMap((s) => [s.mean, s.variance]));
    tf.dispose([...r.grads.values(), ...r.stats.flatMap((s) => [s.mean, s.variance])]);
    send({ type: 'grads', id: msg.id, grads, stats, losses: r.losses, count: msg.rows.length }, [grads.buffer as ArrayBuffer, stats.buffer as ArrayBuffer]);
    return;
  }
  if (msg.type === 'score') {
    const c = config!;
    const x = floatImageTensor(msg.images, c.imageSize, msg.start, msg.count);
    const out = scoreTensor(params!, c, x, msg.mcSamples, msg.seed);
    x.dispose();
    send({ type: 'scored', id: msg.id, out }, Object.values(out).map((a: Float32Array) => a.buffer as ArrayBuffer));
  }
}

function flattenTensors(ts: tf.Tensor[]): Float32Array {
  let size = 0;
  for (const t of ts) size += t.size;
  const out = new Float32Array(size);
  let o = 0;
  for (const t of ts) {
    out.set(t.dataSync(), o);
    o += t.size;
  }
  return out;
}

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
  try {
    handle(msg);
  } catch (err) {
    send({ type: 'error', id: 'id' in msg ? msg.id : null, message: (err as Error).stack ?? String(err) });
  }
});

