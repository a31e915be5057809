import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type BackendInfo } from '../backend.ts';
import { parseConfig, presets, type LaeConfig, type LaeConfigInput } from '../config.ts';
import { create, load } from '../lae.ts';
import { encode } from '../model.ts';
import { createParams, disposeParams, param, type Params } from '../params.ts';
import { maxRelErr } from '../../test/compare.ts';
import { chooseEngine, loadOrt, OrtEncoder } from './engine.ts';
import { exportEncoderOnnx } from './export.ts';

let backend: BackendInfo;
const quiet = { info: () => undefined, warn: () => undefined };

/** Trained-looking batch-norm state (random γ, β and moving statistics), so the fold into the convs is exercised. */
function randomizeBn(p: Params, c: LaeConfig, seed: number): void {
  c.encoderChannels.forEach((n, i) => {
    const s = seed * 31 + i * 4;
    param(p, `enc${i}/gamma`).assign(tf.randomUniform([n], 0.5, 1.5, 'float32', s));
    param(p, `enc${i}/beta`).assign(tf.randomUniform([n], -0.3, 0.3, 'float32', s + 1));
    param(p, `enc${i}/moving_mean`).assign(tf.randomUniform([n], -0.5, 0.5, 'float32', s + 2));
    param(p, `enc${i}/moving_variance`).assign(tf.randomUniform([n], 0.2, 2, 'float32', s + 3));
  });
  param(p, 'latent/bias').assign(tf.randomUniform([2 * c.latentChannels], -0.2, 0.2, 'float32', seed));
}

describe('ONNX export and the onnxruntime scoring engine', () => {
  beforeAll(async () => {
    backend = await initBackend({ backend: 'wasm', logger: quiet });
  });

  const cases: Array<[string, LaeConfigInput]> = [
    ['default at 32²', { imageSize: 32 }],
    ['presets.gpu at 64²', { ...presets.gpu, imageSize: 64 }],
    ['5 blocks, total stride 16, odd widths', { imageSize: 64, encoderChannels: [6, 10, 12, 20, 24], encoderStrides: [1, 2, 2, 2, 2], decoderChannels: [8, 8, 8, 8], latentChannels: 5, leakyAlpha: 0.1 }],
  ];
  it.each(cases)('the exported encoder gives tfjs’s latent (%s), batch-norm folded from moving statistics', async (_, input) => {
    const ort = await loadOrt();
    if (ort instanceof Error) throw ort;
    const c = parseConfig(input);
    const p = createParams(c);
    randomizeBn(p, c, 3);
    const n = 5;
    const images = tf.tidy(() => tf.randomUniform([n, c.imageSize, c.imageSize, 3], 0, 1, 'float32', 9).dataSync() as Float32Array);
    // The reference is the plain batch-norm path ('eval'), not the fused one the export mirrors.
    const ref = tf.tidy(() => encode(p, c, tf.tensor4d(images, [n, c.imageSize, c.imageSize, 3]), 'eval').h.dataSync() as Float32Array);
    const enc = await OrtEncoder.open(ort, p, c, 1);
    const h = await enc.encode(images, 1, 3);
    await enc.close();
    const g = c.imageSize / c.encoderStrides.reduce<number>((a, s) => a * s, 1);
    expect(h.dims).toEqual([3, g, g, 2 * c.latentChannels]);
    const per = g * g * 2 * c.latentChannels;
    expect(maxRelErr(h.data, ref.subarray(per, 4 * per))).toBeLessThan(1e-5);
    disposeParams(p);
  });

  it('scores a saved model as tfjs does: p(fake), uncertainties, attention and embedding, with MC dropout', async () => {
    const trained = await create({ imageSize: 32, train: { epochs: 1 } }, { backend: 'wasm', logger: quiet });
    const images = Array.from({ length: 70 }, (_, i) => tf.tidy(() => tf.randomUniform([32 * 32 * 3], 0, 1, 'float32', 100 + i).dataSync() as Float32Array));
    // One epoch on random labels moves the batch-norm statistics off their initial values.
    await trained.train(
      images.map((image, i) => ({ image, label: i % 2 ? 'fake' : 'real' })),
      { threads: 1, logger: quiet },
    );
    const bytes = await trained.save();
    trained.dispose();
    const viaTfjs = await load(bytes, { backend: 'wasm', scoreEngine: 'tfjs', logger: quiet });
    const want = await viaTfjs.score(images, { threads: 1, batchSize: 32, mcSamples: 4 });
    const viaOrt = await load(bytes, { backend: 'wasm', scoreEngine: 'onnxruntime', logger: quiet });
    const got = await viaOrt.score(images, { threads: 2, batchSize: 32, mcSamples: 4 });
    expect(got).toHaveLength(70);
    const field = (rs: typeof got, f: (r: (typeof got)[number]) => number[]) => rs.flatMap(f);
    expect(maxRelErr(field(got, (r) => [r.pFake]), field(want, (r) => [r.pFake]))).toBeLessThan(1e-4);
    expect(maxRelErr(field(got, (r) => [r.uncertainty.margin, r.uncertainty.entropy, r.uncertainty.attention]), field(want, (r) => [r.uncertainty.margin, r.uncertainty.entropy, r.uncertainty.attention]))).toBeLessThan(1e-4);
    expect(maxRelErr(field(got, (r) => [r.uncertainty.bald]), field(want, (r) => [r.uncertainty.bald]))).toBeLessThan(1e-3);
    expect(maxRelErr(field(got, (r) => Array.from(r.attention)), field(want, (r) => Array.from(r.attention)))).toBeLessThan(1e-4);
    expect(maxRelErr(field(got, (r) => Array.from(r.embedding)), field(want, (r) => Array.from(r.embedding)))).toBeLessThan(1e-4);
    expect(got.map((r) => r.predicted)).toEqual(want.map((r) => r.predicted));
    viaTfjs.dispose();
    viaOrt.dispose();
  });

  it('chooses tfjs where the encoder alone cannot score, and says why; insisting on onnxruntime then fails clearly', async () => {
    const blockAttention = parseConfig({ imageSize: 32, attentionLayer: 2 });
    const batchBn = parseConfig({ imageSize: 32, bnEval: 'batch' });
    await expect(chooseEngine(blockAttention, backend, 'auto')).resolves.toMatchObject({ engine: 'tfjs', reason: expect.stringContaining('encoder block 2') });
    await expect(chooseEngine(batchBn, backend, 'auto')).resolves.toMatchObject({ engine: 'tfjs', reason: expect.stringContaining("bnEval 'batch'") });
    await expect(chooseEngine(blockAttention, backend, 'onnxruntime')).rejects.toThrow(/LAE_SCORE_ENGINE=onnxruntime cannot score this model.*LAE_SCORE_ENGINE=auto/);
    await expect(chooseEngine(parseConfig({ imageSize: 32 }), { ...backend, kernels: 'wasm' }, 'auto')).resolves.toMatchObject({ engine: 'onnxruntime' });
    await expect(chooseEngine(parseConfig({ imageSize: 32 }), { ...backend, kernels: 'native' }, 'auto')).resolves.toMatchObject({ engine: 'tfjs', reason: expect.stringContaining('oneDNN') });
    await expect(chooseEngine(parseConfig({ imageSize: 32 }), { ...backend, kernels: 'native' }, 'onnxruntime')).resolves.toMatchObject({ engine: 'onnxruntime' });
    await expect(chooseEngine(parseConfig({ imageSize: 32 }), backend, 'tfjs')).resolves.toMatchObject({ engine: 'tfjs' });
    await expect(chooseEngine(parseConfig({ imageSize: 32 }), { ...backend, name: 'tfjs-node-gpu' }, 'auto')).resolves.toMatchObject({ engine: 'tfjs', reason: expect.stringContaining('tfjs-node-gpu') });
    const p = createParams(blockAttention);
    expect(() => exportEncoderOnnx(p, blockAttention)).toThrow(/cannot export this model to ONNX/);
    disposeParams(p);
  });
});
