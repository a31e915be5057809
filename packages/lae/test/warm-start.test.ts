// A warm start continues the optimisation exactly: Adam's state travels inside the artifact.
import { beforeAll, describe, expect, it } from 'vitest';
import { create, load, type LaeConfigInput, type LaeModel } from '../src/index.ts';
import { cosineRate } from '../src/train.ts';
import { loadBytes } from '../src/persistence.ts';
import { synthesize } from './synthetic.ts';

const small: LaeConfigInput = { imageSize: 32, encoderChannels: [8, 8, 16, 16], latentChannels: 4, decoderChannels: [8, 8, 8], seed: 5, train: { batchSize: 8, epochs: 1, patience: 0 } };
const data = synthesize({ n: 40, size: 32, seed: 8, cue: true, maskShare: 0.5 });
const quiet = { info: () => undefined, warn: () => undefined };

async function weights(m: LaeModel): Promise<Map<string, Float32Array>> {
  const art = await loadBytes(await m.save());
  const out = new Map(Object.entries(art.weights).map(([k, t]) => [k, t.dataSync() as Float32Array]));
  return out;
}

function maxDiff(a: Map<string, Float32Array>, b: Map<string, Float32Array>): number {
  let d = 0;
  for (const [k, x] of a) {
    const y = b.get(k)!;
    for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  }
  return d;
}

describe('warm start', () => {
  let bytes: Uint8Array;
  let continued: Map<string, Float32Array>;
  beforeAll(async () => {
    const m = await create(small, { backend: 'wasm', logger: quiet });
    await m.train(data, { threads: 1 });
    bytes = await m.save();
    await m.train(data, { threads: 1 });
    continued = await weights(m);
    m.dispose();
  });

  it('stores Adam’s step count and moments for every trainable weight; an untrained model stores none', async () => {
    const art = await loadBytes(bytes);
    expect(art.optimizer).not.toBeNull();
    expect(art.optimizer!.steps).toBeGreaterThan(0);
    expect([...art.optimizer!.m.keys()]).toEqual(expect.arrayContaining(['enc0/kernel', 'latent/bias', 'out/kernel']));
    expect(art.optimizer!.m.has('enc0/moving_mean')).toBe(false);
    expect(art.optimizer!.m.size).toBe(art.optimizer!.v.size);
    expect(Object.keys(art.weights).some((k) => k.startsWith('optimizer/'))).toBe(false);
    const fresh = await create(small, { backend: 'wasm', logger: quiet });
    expect((await loadBytes(await fresh.save())).optimizer).toBeNull();
    fresh.dispose();
  });

  it('a model loaded from the artifact trains on exactly as the one that never left memory; a fresh Adam does not', async () => {
    const warm = await load(bytes, { backend: 'wasm', logger: quiet });
    await warm.train(data, { threads: 1 });
    expect(maxDiff(await weights(warm), continued)).toBeLessThan(1e-6);
    warm.dispose();
    const reset = await load(bytes, { backend: 'wasm', logger: quiet });
    await reset.train(data, { threads: 1, freshOptimizer: true });
    expect(maxDiff(await weights(reset), continued)).toBeGreaterThan(1e-3);
    reset.dispose();
  });

  it('loads the parent’s weights under the current settings when they keep the architecture', async () => {
    const m = await load(bytes, { backend: 'wasm', logger: quiet, expectConfig: { ...small, lambdaAtt: 3, train: { ...small.train, epochs: 2 } } });
    expect(m.config.lambdaAtt).toBe(3);
    expect(m.config.train.epochs).toBe(2);
    m.dispose();
  });

  it('a cosine schedule takes the rate from learningRate down towards 0 over the call and changes where it ends', async () => {
    expect([0, 0.5, 1, 2].map((x) => cosineRate(0.01, x))).toEqual([0.01, 0.005, 0, 0]);
    const rates = async (schedule: 'constant' | 'cosine') => {
      const m = await load(bytes, { backend: 'wasm', logger: quiet });
      const seen: number[] = [];
      await m.train(data, { threads: 1, epochs: 2, schedule, onProgress: (p) => p.phase === 'train' && seen.push(p.learningRate!) });
      const w = await weights(m);
      m.dispose();
      return { seen, w };
    };
    const probe = await load(bytes, { backend: 'wasm', logger: quiet });
    const base = probe.config.train.learningRate;
    probe.dispose();
    const cosine = await rates('cosine');
    const constant = await rates('constant');
    expect(constant.seen.every((r) => r === base)).toBe(true);
    expect(cosine.seen[0]).toBe(base);
    expect(cosine.seen.every((r, i) => i === 0 || r < cosine.seen[i - 1]!)).toBe(true);
    expect(cosine.seen.at(-1)!).toBeLessThan(0.1 * base);
    expect(maxDiff(cosine.w, constant.w)).toBeGreaterThan(1e-4);
  });
});
