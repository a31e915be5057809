import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRng,
  generateBenchmark,
  generateSample,
  getManipulation,
  MANIPULATION_NAMES,
  parseBenchmarkConfig,
  presetConfig,
  seedFrom,
  writeBenchmark,
} from '../src/index.ts';
import { collect, tempDir } from './helpers.ts';


async function hashes(dir: string, files: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of files) out.set(f, createHash('sha256').update(await readFile(path.join(dir, f))).digest('hex'));
  return out;
}

describe('seeded PRNG', () => {
  it('is pinned: the same seed gives the same stream forever', () => {
    const rng = createRng(seedFrom(42));
    expect([rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([756718175, 1486863531, 4200131880]);
    expect(seedFrom('paper')).toBe(seedFrom('paper'));
    expect(seedFrom('paper')).not.toBe(seedFrom('papes'));
    const a = createRng(7);
    const b = createRng(7);
    const noise = a.fillGauss(new Float32Array(10001), 1);
    expect(Array.from(b.fillGauss(new Float32Array(10001), 1))).toEqual(Array.from(noise));
    const mean = noise.reduce((s, v) => s + v, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((s, v) => s + (v - mean) ** 2, 0) / noise.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(sd).toBeGreaterThan(0.95);
    expect(sd).toBeLessThan(1.05);
  });
});

describe('benchmark determinism', () => {
  const config = presetConfig('all-families', { seed: 'determinism', size: 64, counts: { train: 14, val: 4, test: 12 } });
  let a = { dir: '', cleanup: async () => {} };
  let b = { dir: '', cleanup: async () => {} };
  beforeAll(async () => {
    a = await tempDir();
    b = await tempDir();
  });
  afterAll(async () => {
    await a.cleanup();
    await b.cleanup();
  });

  it('writes byte-identical files for the same seed, whatever the concurrency', async () => {
    const first = await writeBenchmark(config, a.dir, { concurrency: 1 });
    const second = await writeBenchmark(config, b.dir, { concurrency: 6 });
    expect(second.files).toEqual(first.files);
    expect(first.total).toBe(30);
    expect(first.files.filter((f) => f.startsWith('masks/')).length).toBe(first.fake);
    expect(await hashes(b.dir, second.files)).toEqual(await hashes(a.dir, first.files));
    const manifest = await readFile(path.join(a.dir, 'manifest.csv'), 'utf8');
    expect(manifest.split('\n')[0]).toBe('path,split,novelty,label,manipulation,mask');
    expect(manifest.trim().split('\n')).toHaveLength(31);
  });

  it('a different seed gives different images', async () => {
    const other = await collect(generateBenchmark({ ...config, seed: 'other' }, { limit: 3 }));
    const same = await collect(generateBenchmark(config, { limit: 3 }));
    for (let i = 0; i < 3; i++) expect(Buffer.compare(Buffer.from(other[i]!.png!), Buffer.from(same[i]!.png!))).not.toBe(0);
  });

  it('any record can be made on its own (random access equals the stream)', async () => {
    const streamed = await collect(generateBenchmark(config, { start: 10, limit: 5, output: 'both' }));
    expect(streamed.map((r) => r.index)).toEqual([10, 11, 12, 13, 14]);
    const alone = await generateSample(config, 12, { output: 'both' });
    expect(alone.id).toBe(streamed[2]!.id);
    expect(Buffer.from(alone.png!).equals(Buffer.from(streamed[2]!.png!))).toBe(true);
    expect(Buffer.from(alone.rgb!).equals(Buffer.from(streamed[2]!.rgb!))).toBe(true);
  });
});

describe('mask exactness: the mask covers exactly the changed pixels, up to the blending feather', () => {
  it.each(MANIPULATION_NAMES)('%s', async (name) => {
    const manipulation = getManipulation(name);
    for (const size of [128, 72]) {
      const config = parseBenchmarkConfig({
        name: 'exact',
        seed: 5,
        size,
        counts: { train: 0, val: 0, test: 5 },
        fakeRatio: 0.999,
        seen: [name],
        unseen: [],
        unseenTestShare: 0,
        cue: { kind: 'none' },
      });
      const feather = manipulation.feather(size);
      for (let index = 1; index < 5; index++) {
        const r = await generateSample(config, index, { output: 'rgb', keepSource: true });
        expect(r.label).toBe('fake');
        const mask = r.mask!.data;
        const rgb = r.rgb!;
        const src = r.source!;
        let inMask = 0;
        let changedInMask = 0;
        let changedFar = 0;
        let changedTotal = 0;
        for (let i = 0; i < size * size; i++) {
          const changed = rgb[i * 3] !== src[i * 3] || rgb[i * 3 + 1] !== src[i * 3 + 1] || rgb[i * 3 + 2] !== src[i * 3 + 2];
          changedTotal += changed ? 1 : 0;
          if (mask[i] === 1) {
            inMask++;
            if (changed) changedInMask++;
            continue;
          }
          if (!changed) continue;
          // A changed pixel outside the mask must lie within the feather of it.
          const x = i % size;
          const y = (i - x) / size;
          let near = false;
          for (let dy = -feather; dy <= feather && !near; dy++)
            for (let dx = -feather; dx <= feather && !near; dx++) {
              const xx = x + dx;
              const yy = y + dy;
              if (xx >= 0 && yy >= 0 && xx < size && yy < size && mask[yy * size + xx] === 1) near = true;
            }
          if (!near) changedFar++;
        }
        expect(inMask, `${name} #${index} mask is empty`).toBeGreaterThan(size * size * 0.004);
        expect(changedFar, `${name} #${index} changed pixels beyond the feather`).toBe(0);
        expect(changedInMask / inMask, `${name} #${index} share of the mask that changed`).toBeGreaterThan(0.8);
        if (feather === 0) expect(changedTotal).toBe(changedInMask); // hard-edged: exactly the mask
      }
    }
  });
});

describe('benchmark composition', () => {
  it('trains on the seen variant, tests on seen and unseen, and balances labels', async () => {
    const config = presetConfig('face-swap', { seed: 3, size: 48, counts: { train: 20, val: 10, test: 40 }, cue: { kind: 'noise', correlation: 1 } });
    const records = await collect(generateBenchmark(config, { output: 'rgb' }));
    const of = (split: string) => records.filter((r) => r.split === split);
    expect(of('train')).toHaveLength(20);
    expect(of('val')).toHaveLength(10);
    expect(of('test')).toHaveLength(40);
    for (const split of ['train', 'val', 'test']) expect(of(split).filter((r) => r.label === 'fake')).toHaveLength(of(split).length / 2);
    for (const r of [...of('train'), ...of('val')]) {
      expect(r.novelty).toBe('seen');
      expect(r.manipulation).toBe(r.label === 'fake' ? 'region-swap-feather' : null);
      // correlation 1: every fake carries the cue, no real does; never in the test split.
      expect(r.cue).toBe(r.label === 'fake');
    }
    const testFakes = of('test').filter((r) => r.label === 'fake');
    expect(testFakes.filter((r) => r.manipulation === 'region-swap-poisson' && r.novelty === 'unseen')).toHaveLength(10);
    expect(testFakes.filter((r) => r.manipulation === 'region-swap-feather' && r.novelty === 'seen')).toHaveLength(10);
    expect(of('test').filter((r) => r.label === 'real' && r.novelty === 'unseen')).toHaveLength(10);
    expect(of('test').every((r) => !r.cue)).toBe(true);
    expect(records.every((r) => (r.label === 'fake') === (r.mask !== undefined))).toBe(true);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(records[0]!.id).toBe('face-swap-3-000000');
  });

  it('the cue is correlated with the label at the configured strength', async () => {
    const config = presetConfig('inpainting', { seed: 9, size: 32, counts: { train: 400, val: 0, test: 0 }, cue: { kind: 'noise', correlation: 0.8 } });
    const records = await collect(generateBenchmark(config, { output: 'rgb' }));
    const share = (label: string) => records.filter((r) => r.label === label && r.cue).length / 200;
    expect(share('fake')).toBeGreaterThan(0.72);
    expect(share('fake')).toBeLessThan(0.88);
    expect(share('real')).toBeGreaterThan(0.12);
    expect(share('real')).toBeLessThan(0.28);
  });

  it('the JPEG cue changes pixels globally; without it the image is the pristine render', async () => {
    const config = presetConfig('attribute-edit', { seed: 4, size: 64, counts: { train: 6, val: 0, test: 0 }, cue: { kind: 'jpeg', correlation: 1, quality: 60 } });
    const reals = await collect(generateBenchmark(config, { output: 'rgb', keepSource: true }));
    for (const r of reals.filter((x) => x.label === 'real')) expect(Buffer.from(r.rgb!).equals(Buffer.from(r.source!))).toBe(true);
    for (const r of reals.filter((x) => x.label === 'fake')) {
      let changedOutsideMask = 0;
      for (let i = 0; i < 64 * 64; i++) if (r.mask!.data[i] === 0 && r.rgb![i * 3] !== r.source![i * 3]) changedOutsideMask++;
      expect(changedOutsideMask).toBeGreaterThan(64 * 64 * 0.2);
    }
  });

  it('rejects bad configs with a message naming the field', () => {
    expect(() => parseBenchmarkConfig({ name: 'x', counts: { train: 1, val: 0, test: 0 }, seen: ['nope'] })).toThrow(/seen.0: unknown manipulation/);
    expect(() =>
      parseBenchmarkConfig({ name: 'x', counts: { train: 1, val: 0, test: 0 }, seen: ['noise-add'], unseen: ['noise-add'] }),
    ).toThrow(/both seen and unseen/);
    expect(() => presetConfig('face-swap', { size: 8 })).toThrow(/size/);
    expect(() => presetConfig('nope' as 'face-swap')).toThrow(/unknown preset/);
  });
});
