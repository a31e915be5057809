import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { create, load, LaeArtifactError, parseConfig, presets, type LaeConfigInput, type LaeModel, type TrainProgress } from '../src/index.ts';
import { synthesize } from './synthetic.ts';

const small: LaeConfigInput = { imageSize: 32, encoderChannels: [8, 16, 16, 16], latentChannels: 4, decoderChannels: [8, 8, 8], seed: 9, train: { batchSize: 8, epochs: 1, patience: 0 } };
const data = synthesize({ n: 48, size: 32, seed: 4, cue: true, maskShare: 0.5 });

describe('LAE model API', () => {
  let model: LaeModel;
  beforeAll(async () => {
    model = await create(small, { backend: 'wasm' });
  });

  it('validates the config', async () => {
    await expect(create({ imageSize: 48 as 64 })).rejects.toThrow(/imageSize/);
    await expect(create({ encoderStrides: [2, 2] })).rejects.toThrow(/encoderStrides/);
    await expect(create({ encoderStrides: [2, 2, 1, 1] })).rejects.toThrow(/total stride/);
    await expect(create({ lambdaAtt: -1 })).rejects.toThrow(/lambdaAtt/);
    expect(model.config.lambdaRec).toBe(1);
    expect(parseConfig(presets.gpu).encoderChannels).toEqual([16, 32, 64, 128]);
    expect(parseConfig({}).encoderChannels).toEqual(presets.cpu.encoderChannels);
    expect(model.backend.name).toBe('wasm');
  });

  it('trains with progress for every step and no tensor leak across steps', async () => {
    const seen: TrainProgress[] = [];
    const counts: number[] = [];
    const report = await model.train(data, {
      epochs: 2,
      onProgress: (p) => {
        seen.push(p);
        counts.push(tf.memory().numTensors);
      },
    });
    const steps = seen.filter((p) => p.phase === 'train');
    expect(steps.length).toBe(report.steps);
    expect(steps.length).toBeGreaterThan(4);
    for (const p of steps) {
      expect(Number.isFinite(p.losses.total) && Number.isFinite(p.losses.act) && Number.isFinite(p.losses.rec) && Number.isFinite(p.losses.att)).toBe(true);
      expect(p.imagesPerSecond).toBeGreaterThan(0);
    }
    expect(steps.some((p) => p.losses.att > 0)).toBe(true); // masked fakes reached the attention loss
    expect(seen.some((p) => p.phase === 'validate' && p.accuracy !== undefined)).toBe(true);
    expect(new Set(counts.slice(1)).size).toBe(1); // numTensors identical after every step
    expect(report.epochs).toBe(2);
    expect(model.meta.trainedSteps).toBe(report.steps);
  });

  it('scores with every field, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const images = data.slice(0, 5).map((s) => s.image);
    const out = await model.score(images, { heatmap: true, batchSize: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(out).toHaveLength(5);
    for (const r of out) {
      expect(r.pFake).toBeGreaterThanOrEqual(0);
      expect(r.pFake).toBeLessThanOrEqual(1);
      expect(r.predicted).toBe(r.pFake > (model.meta.decisionThreshold ?? 0.5) ? 'fake' : 'real'); // the threshold training chose
      expect(r.attentionSize).toBe(4);
      expect(r.attention).toHaveLength(16);
      expect(Math.max(...r.attention)).toBeLessThanOrEqual(1);
      expect(r.heatmap).toHaveLength(32 * 32 * 4);
      expect(r.embedding).toHaveLength(8);
      const u = r.uncertainty;
      expect(u.margin).toBeCloseTo(1 - Math.abs(2 * r.pFake - 1), 5);
      for (const v of [u.entropy, u.attention, u.bald]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    // batching does not change results
    const one = await model.score([images[3]!]);
    expect(one[0]!.pFake).toBeCloseTo(out[3]!.pFake, 6);
    // a RawImage of another size is resized
    const raw = await model.score([{ data: new Uint8Array(40 * 40 * 4).fill(128), width: 40, height: 40, channels: 4 }]);
    expect(raw[0]!.attention).toHaveLength(16);
    await expect(model.score([new Float32Array(10)])).rejects.toThrow(/32×32×3/);
  });

  it('save → load gives identical scores; config and backend are stored', async () => {
    const bytes = await model.save({ extra: { run: 'api-test' } });
    expect(bytes).toBeInstanceOf(Uint8Array);
    const copy = await load(bytes);
    expect(copy.config).toEqual(model.config);
    expect(copy.meta.backend).toBe('wasm');
    expect(copy.meta.extra).toEqual({ run: 'api-test' });
    const images = data.slice(0, 6).map((s) => s.image);
    const a = await model.score(images);
    const b = await copy.score(images);
    a.forEach((r, i) => {
      expect(b[i]!.pFake).toBe(r.pFake);
      expect(Array.from(b[i]!.attention)).toEqual(Array.from(r.attention));
      expect(Array.from(b[i]!.embedding)).toEqual(Array.from(r.embedding));
    });
    copy.dispose();
  });

  it('rejects corrupt artifacts and config mismatches with clear errors', async () => {
    const bytes = await model.save();
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)]! ^= 0xff;
    await expect(load(flipped)).rejects.toThrow(/checksum/);
    await expect(load(bytes.slice(0, bytes.length - 10))).rejects.toThrow(LaeArtifactError);
    await expect(load(new Uint8Array([1, 2, 3]))).rejects.toThrow(/too short/);
    const bad = bytes.slice();
    bad[0] = 0x58;
    await expect(load(bad)).rejects.toThrow(/magic/);
    await expect(load(bytes, { expectConfig: { ...small, latentChannels: 8 } })).rejects.toThrow(/config mismatch: latentChannels/);
    const ok = await load(bytes, { expectConfig: small });
    ok.dispose();
  });

  it('cancels through an AbortSignal and leaves the weights unchanged', async () => {
    const images = data.slice(0, 4).map((s) => s.image);
    const before = await model.score(images);
    const ctl = new AbortController();
    let steps = 0;
    const run = model.train(data, {
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.phase === 'train' && ++steps === 2) ctl.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(steps).toBe(2);
    const after = await model.score(images);
    after.forEach((r, i) => expect(r.pFake).toBe(before[i]!.pFake));
  });

  it('stops early on a validation loss that gets worse, keeping the best epoch', async () => {
    const m = await create({ ...small, train: { ...small.train, epochs: 6, patience: 2, learningRate: 3e-3, selectBy: 'bce' } }, { backend: 'wasm' });
    // validation = the training images with flipped labels: the better the fit, the worse the validation loss.
    const flipped = data.map((s) => ({ image: s.image, label: s.label === 'fake' ? ('real' as const) : ('fake' as const) }));
    const report = await m.train({ train: data, validation: flipped });
    expect(report.stoppedEarly).toBe(true);
    expect(report.epochs).toBe(report.bestEpoch + 2);
    expect(report.epochs).toBeLessThan(6);
    m.dispose();
  });

  it("selectBy 'last' keeps the final epoch: no early stop, however the validation loss moves", async () => {
    const m = await create({ ...small, train: { ...small.train, epochs: 4, patience: 1, learningRate: 3e-3, selectBy: 'last' } }, { backend: 'wasm' });
    const flipped = data.map((s) => ({ image: s.image, label: s.label === 'fake' ? ('real' as const) : ('fake' as const) }));
    const report = await m.train({ train: data, validation: flipped });
    expect(report.stoppedEarly).toBe(false);
    expect(report.epochs).toBe(4);
    expect(report.bestEpoch).toBe(4);
    m.dispose();
  });

  it('evaluates accuracy, AUC, EER and localisation on masked fakes', async () => {
    const test = synthesize({ n: 16, size: 32, seed: 8, cue: false, maskShare: 1 });
    const m = await model.evaluate(test);
    expect(m.n).toBe(16);
    expect(m.localization?.n).toBe(8);
    for (const v of [m.accuracy, m.auc, m.eer, m.localization!.iou, m.localization!.pointingGame]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(m.confusion.tp + m.confusion.fn).toBe(8);
  });
});
