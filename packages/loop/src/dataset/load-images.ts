import { toModelInputUint8, type BlobStorage } from '@lae-studio/datasets';
import type { RawImage } from '@lae-studio/lae';
import type { DecodedImageCache } from './image-cache.ts';

/**
 * Fetch images from storage and decode them to S×S RGB for the model, a few at a time (sharp decodes on
 * its own threads; more in flight only costs memory). With a cache, an image decoded before is not read again.
 */
export async function loadModelImages(storage: BlobStorage, keys: readonly string[], size: number, opts: { cache?: DecodedImageCache; concurrency?: number } = {}): Promise<RawImage[]> {
  const { cache, concurrency = 8 } = opts;
  const out: RawImage[] = new Array(keys.length);
  let next = 0;
  async function worker() {
    while (next < keys.length) {
      const i = next++;
      const key = keys[i]!;
      const cached = cache?.get(key, size);
      if (cached) {
        out[i] = cached;
        continue;
      }
      const { data } = await toModelInputUint8(await storage.get(key), { size });
      out[i] = { data, width: size, height: size, channels: 3 };
      cache?.set(key, size, out[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return out;
}
