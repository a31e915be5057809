// The worker's decoded-image cache: a second load of the same images reads storage for none of them and gives
// the same pixels; a budget smaller than the set keeps only what fits, least recently used out first.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBenchmark, LocalStorage, presetConfig, type BlobStorage } from '@lae-studio/datasets';
import { DecodedImageCache } from '../src/dataset/image-cache.ts';
import { loadModelImages } from '../src/dataset/load-images.ts';

let dir: string;
let storage: LocalStorage;
let keys: string[];
const SIZE = 32;
const ONE = SIZE * SIZE * 3;

/** The real local storage, counting reads. */
function counting(s: BlobStorage): { storage: BlobStorage; reads: () => number } {
  let reads = 0;
  const wrapped = Object.create(s) as BlobStorage;
  wrapped.get = (key: string) => (reads++, s.get(key));
  return { storage: wrapped, reads: () => reads };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lae-image-cache-'));
  storage = new LocalStorage(dir);
  keys = [];
  const config = presetConfig('face-swap', { version: 'v2', seed: 3, size: 48, counts: { train: 6, val: 0, test: 0 } });
  for await (const r of generateBenchmark(config)) keys.push((await storage.put(r.png!)).key);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('decoded image cache', () => {
  it('serves a second load from memory, with the same pixels', async () => {
    const cache = new DecodedImageCache(10 * ONE);
    const c = counting(storage);
    const first = await loadModelImages(c.storage, keys, SIZE, { cache });
    expect(c.reads()).toBe(keys.length);
    const again = await loadModelImages(c.storage, keys, SIZE, { cache });
    expect(c.reads()).toBe(keys.length);
    expect(again.map((i) => Buffer.from(i.data).toString('base64'))).toEqual(first.map((i) => Buffer.from(i.data).toString('base64')));
    expect({ hits: cache.hits, misses: cache.misses, bytes: cache.bytes }).toEqual({ hits: keys.length, misses: keys.length, bytes: keys.length * ONE });
    const uncached = await loadModelImages(storage, keys, SIZE);
    expect(uncached.map((i) => Buffer.from(i.data).toString('base64'))).toEqual(first.map((i) => Buffer.from(i.data).toString('base64')));
  });

  it('keys by size too: the same image at another size is decoded again', async () => {
    const cache = new DecodedImageCache(10 * 64 * 64 * 3);
    const c = counting(storage);
    await loadModelImages(c.storage, keys.slice(0, 2), SIZE, { cache });
    const big = await loadModelImages(c.storage, keys.slice(0, 2), 64, { cache });
    expect(c.reads()).toBe(4);
    expect(big[0]!.data.byteLength).toBe(64 * 64 * 3);
  });

  it('keeps only what fits its budget, dropping the least recently used', async () => {
    const cache = new DecodedImageCache(3 * ONE);
    const c = counting(storage);
    await loadModelImages(c.storage, keys, SIZE, { cache, concurrency: 1 });
    expect(cache.bytes).toBe(3 * ONE);
    await loadModelImages(c.storage, keys.slice(-3), SIZE, { cache }); // the last three are the ones kept
    expect(c.reads()).toBe(keys.length);
    await loadModelImages(c.storage, keys.slice(0, 1), SIZE, { cache });
    expect(c.reads()).toBe(keys.length + 1);
  });

  it('is off at a budget of 0 MiB and refuses a budget that is not a positive number of bytes', () => {
    expect(DecodedImageCache.fromMiB(0)).toBeUndefined();
    expect(DecodedImageCache.fromMiB(1)!.maxBytes).toBe(2 ** 20);
    expect(() => new DecodedImageCache(0)).toThrow(/positive integer/);
    expect(() => new DecodedImageCache(Number.NaN)).toThrow(/positive integer/);
  });
});
