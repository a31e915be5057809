import { toModelInputUint8, type BlobStorage } from '@lae-studio/datasets';
import type { RawImage } from '@lae-studio/lae';

/**
 * Fetch images from storage and decode them to S×S RGB for the model, a few at a time (sharp decodes on
 * its own threads; more in flight only costs memory).
 */
export async function loadModelImages(storage: BlobStorage, keys: readonly string[], size: number, concurrency = 8): Promise<RawImage[]> {
  const out: RawImage[] = new Array(keys.length);
  let next = 0;
  async function worker() {
    while (next < keys.length) {
      const i = next++;
      const bytes = await storage.get(keys[i]!);
      const { data } = await toModelInputUint8(bytes, { size });
      out[i] = { data, width: size, height: size, channels: 3 };
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return out;
}
