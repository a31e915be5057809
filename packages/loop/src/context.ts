import type { BlobStorage } from '@lae-studio/datasets';
import type { Db } from '@lae-studio/db';
import type { DecodedImageCache } from './dataset/image-cache.ts';

export interface LoopLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every phase needs: the database (truth), image storage, a logger and how hard to work. */
export interface LoopContext {
  db: Db;
  storage: BlobStorage;
  log: LoopLogger;
  /** Worker threads for LAE training and scoring (one WASM instance uses one core). */
  threads: number;
  /** Cancels long phases (training, scoring) cleanly. */
  signal?: AbortSignal;
  /** Decoded images kept between phases and rounds (the worker's, sized by LAE_IMAGE_CACHE_MB). */
  images?: DecodedImageCache;
}

export const silentLogger: LoopLogger = { info() {}, warn() {}, error() {} };
