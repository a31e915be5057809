import { MaskFormatError } from './errors.ts';

/** Bounds applied before any buffer is allocated, so hostile sizes fail fast instead of exhausting memory. */
export interface MaskLimits {
  /** Largest accepted width × height. */
  maxPixels?: number;
}

/** 8192 × 8192: far above any face crop, far below what would hurt a browser tab. */
export const DEFAULT_MAX_MASK_PIXELS = 8192 * 8192;

/** Throws unless width and height are positive integers whose product is within the limit. */
export function checkDimensions(width: unknown, height: unknown, limits: MaskLimits = {}): void {
  const maxPixels = limits.maxPixels ?? DEFAULT_MAX_MASK_PIXELS;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || (width as number) < 1 || (height as number) < 1) {
    throw new MaskFormatError('invalid-dimensions', `mask size must be positive integers, got ${String(width)}×${String(height)}`);
  }
  const pixels = (width as number) * (height as number);
  if (pixels > maxPixels) {
    throw new MaskFormatError('too-large', `mask of ${String(width)}×${String(height)} = ${pixels} pixels exceeds the limit of ${maxPixels}`);
  }
}
