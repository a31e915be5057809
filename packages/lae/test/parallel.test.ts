// Worker threads (TypeScript sources through tsx) under vitest: data-parallel training and sharded scoring.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../src/backend.ts';
import { epochBatches } from '../src/batches.ts';
import { parseConfig, presets } from '../src/config.ts';
import { packSamples } from '../src/dataset.ts';
import { create, type LaeConfigInput } from '../src/index.ts';
import { adam } from '../src/kernels/adam.ts';
import { parallelExecutor, shards, trainingShards } from '../src/parallel/train.ts';
import { createParams, paramSpecs } from '../src/params.ts';
import { rng } from '../src/rng.ts';
import { localExecutor } from '../src/train.ts';
import { flatten } from '../src/weights.ts';
import { synthesize } from './synthetic.ts';

const small: LaeConfigInput = { imageSize: 32, encoderChannels: [8, 16, 16, 16], latentChannels: 4, decoderChannels: [8, 8, 8], seed: 2, train: { batchSize: 16, epochs: 1, patience: 0 } };

// The worker pool scores only without the native kernels (with them oneDNN's own threads do: native.test.ts), so
// this file pins the wasm kernels: the pool is what a machine without libdnnl-dev runs.
process.env.LAE_KERNELS = 'wasm';

describe('parallel training and scoring', () => {
  it('deals masked fakes, other fakes and reals evenly over the shards', () => {
    // rows 0–7: labels r f f f r f r r; masked: rows 1 and 2
    const d = { labels: Uint8Array.from([0, 1, 1, 1, 0, 1, 0, 0]), masked: Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 0]) };
    const s = shards([0, 1, 2, 3, 4, 5, 6, 7], 2, d);
    expect(s).toEqual([[1, 3, 0, 6], [2, 5, 4, 7]]);
    for (const shard of s) {
      expect(shard.filter((r) => d.masked[r] === 1)).toHaveLength(1);
      expect(shard.filter((r) => d.labels[r] === 0)).toHaveLength(2);
    }
    expect(shards([0, 1, 2], 2, d)).toEqual([[1, 0]]); // a one-sample shard cannot use batch norm
  });

  it('splits a step only where each shard has enough work to pay its fixed cost', () => {
    // Per-step training work: default model 16 × 25 MFLOP at 64² (two halves of 201 < 300), 4× that at 128²;
    // presets.gpu 32 × 130 MFLOP at 64².
    expect(trainingShards(parseConfig({ imageSize: 64 }), 2)).toBe(1);
    expect(trainingShards(parseConfig({ imageSize: 128 }), 2)).toBe(2);
    expect(trainingShards(parseConfig({ ...presets.gpu, imageSize: 64 }), 2)).toBe(2);
    expect(trainingShards(parseConfig({ ...presets.gpu, imageSize: 128 }), 8)).toBe(8);
    expect(trainingShards(parseConfig({ imageSize: 128 }), 8)).toBe(5); // 1,608 MFLOP: five shards of ≥ 300
    expect(trainingShards(parseConfig({ imageSize: 128 }), 1)).toBe(1);
  });

  it('trains on two threads, and sharded scoring equals scoring on one thread', async () => {
    const data = synthesize({ n: 96, size: 32, seed: 6, cue: true, maskShare: 0.3 });
    const model = await create(small, { backend: 'wasm', scoreEngine: 'tfjs' }); // the worker-pool scoring is what this tests
    const images = data.map((s) => s.image);
    const before = await model.score(images.slice(0, 8), { threads: 1 });
    const tensors = tf.memory().numTensors;
    const report = await model.train(data, { threads: 2, shards: 2 }); // this small model would train on one (trainingShards)
    expect(tf.memory().numTensors).toBe(tensors);
    expect(report.steps).toBeGreaterThan(3);
    for (const e of report.history) expect(Number.isFinite(e.train.total)).toBe(true);
    const after = await model.score(images.slice(0, 8), { threads: 1 });
    expect(after.some((r, i) => r.pFake !== before[i]!.pFake)).toBe(true);

    const serial = await model.score(images, { threads: 1, batchSize: 8 });
    const sharded = await model.score(images, { threads: 2, batchSize: 8 });
    expect(sharded).toHaveLength(serial.length);
    sharded.forEach((r, i) => {
      expect(r.pFake).toBeCloseTo(serial[i]!.pFake, 6);
      expect(r.uncertainty.bald).toBeCloseTo(serial[i]!.uncertainty.bald, 6);
      expect(Array.from(r.attention)).toEqual(Array.from(serial[i]!.attention).map((v) => expect.closeTo(v, 6)));
    });
    model.dispose();
  }, 120_000);

  it('keeps the worker replica equal to this thread, bit for bit, from a warm Adam and under a changing rate', async () => {
    await initBackend({ backend: 'wasm' });
    const c = parseConfig(small);
    const d = packSamples(synthesize({ n: 64, size: 32, seed: 8, cue: true, maskShare: 0.3 }), c);
    const p = createParams(c);
    const optimizer = adam(c.train.learningRate);
    const batches = epochBatches(d, Array.from({ length: d.n }, (_, i) => i), c.train.batchSize, c.train.minMaskedPerBatch, rng(3));
    // A few steps here first: the replica must start from this Adam's moments and β powers, not a fresh Adam.
    const local = localExecutor(p, c, d, optimizer);
    for (let i = 0; i < 11; i++) await local.step(batches[i % batches.length]!, i); // β₁¹² as a float32 product ≠ powf(β₁, 12)
    const all = paramSpecs(c).map((s) => s.name);
    const before = flatten(p, all);
    const ex = await parallelExecutor(2, 'wasm', p, c, d, optimizer);
    try {
      for (let i = 0; i < 4; i++) {
        optimizer.setLearningRate(c.train.learningRate / (i + 1)); // a schedule: each step's rate must reach the replica
        const losses = await ex.step(batches[i % batches.length]!, 10 + i);
        expect(Number.isFinite(losses.total)).toBe(true);
      }
      const mine = flatten(p, all);
      expect(mine.some((v, i) => v !== before[i])).toBe(true);
      const [replica] = await ex.replicaWeights();
      expect(replica!.length).toBe(mine.length);
      let differing = 0;
      for (let i = 0; i < mine.length; i++) if (replica![i] !== mine[i]) differing++;
      expect(differing).toBe(0);
    } finally {
      await ex.close();
      optimizer.dispose();
    }
  }, 120_000);
});

