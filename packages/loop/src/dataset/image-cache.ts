import { LRUCache } from 'lru-cache';
import type { RawImage } from '@lae-studio/lae';

/** The worker's default budget (LAE_IMAGE_CACHE_MB): 512 MiB holds a 10,000-image project at 128². */
export const DEFAULT_IMAGE_CACHE_MIB = 512;

/**
 * Decoded model inputs kept in the worker between phases and rounds (each round reads the same training,
 * validation, pool and test images again), least recently used out first within a byte budget. Storage keys
 * are content addresses, so an entry can never go stale; callers must treat the images as read-only.
 */
export class DecodedImageCache {
  private readonly lru: LRUCache<string, RawImage>;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {
    if (!(Number.isInteger(maxBytes) && maxBytes > 0)) throw new Error(`image cache budget must be a positive integer of bytes, got ${maxBytes}`);
    this.lru = new LRUCache({ maxSize: maxBytes, sizeCalculation: (img) => img.data.byteLength });
  }

  /** The budget in MiB from configuration: 0 turns the cache off. */
  static fromMiB(mib: number): DecodedImageCache | undefined {
    return mib > 0 ? new DecodedImageCache(Math.round(mib * 2 ** 20)) : undefined;
  }

  get(key: string, size: number): RawImage | undefined {
    const img = this.lru.get(`${size}:${key}`);
    if (img) this.hits++;
    else this.misses++;
    return img;
  }

  set(key: string, size: number, img: RawImage): void {
    this.lru.set(`${size}:${key}`, img); // larger than the whole budget: not kept
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }
}
