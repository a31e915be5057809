import { readDataEnv } from '../env.ts';

export interface ImageLimits {
  /** Largest accepted encoded file. */
  maxBytes: number;
  /** Largest accepted width × height, checked from the header before any pixel is decoded. */
  maxPixels: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 32 * 1024 * 1024, maxPixels: 40_000_000 };

/** IMAGE_MAX_BYTES / IMAGE_MAX_PIXELS from the environment. */
export function imageLimitsFromEnv(): ImageLimits {
  const env = readDataEnv();
  return { maxBytes: env.IMAGE_MAX_BYTES, maxPixels: env.IMAGE_MAX_PIXELS };
}

export function resolveLimits(limits: Partial<ImageLimits> = {}): ImageLimits {
  return { ...DEFAULT_IMAGE_LIMITS, ...limits };
}
