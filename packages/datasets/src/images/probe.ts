import sharp, { type Metadata } from 'sharp';
import { ImageError } from './errors.ts';
import { resolveLimits, type ImageLimits } from './limits.ts';

export const SUPPORTED_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type ImageFormat = (typeof SUPPORTED_FORMATS)[number];

export const CONTENT_TYPES: Record<ImageFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

export interface ImageInfo {
  format: ImageFormat;
  /** Size as displayed, i.e. after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
  hasAlpha: boolean;
}

/** Options every sharp instance here is built with: sharp's own pixel cap as a second line of defence. */
export function sharpInput(limits: ImageLimits) {
  return { limitInputPixels: limits.maxPixels, failOn: 'error' as const, autoOrient: true };
}

/**
 * Reads only the header: format, size and orientation. Refuses oversized files and images whose
 * declared size exceeds the pixel limit (decompression bombs) before anything is decoded.
 */
export async function probeImage(bytes: Uint8Array, limitsIn: Partial<ImageLimits> = {}): Promise<ImageInfo> {
  const limits = resolveLimits(limitsIn);
  if (bytes.byteLength === 0) throw new ImageError('not-an-image', 'empty file');
  if (bytes.byteLength > limits.maxBytes) {
    throw new ImageError('too-many-bytes', `image is ${bytes.byteLength} bytes, over the limit of ${limits.maxBytes}`);
  }
  let meta: Metadata;
  try {
    // No pixel limit here: metadata only parses the header, and we want to report the real size.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageError('not-an-image', `not a readable image: ${(error as Error).message}`, { cause: error });
  }
  if (!(SUPPORTED_FORMATS as readonly string[]).includes(meta.format)) {
    throw new ImageError('unsupported-format', `unsupported image format ${meta.format}; expected JPEG, PNG or WebP`);
  }
  const pixels = meta.width * meta.height;
  if (!(pixels > 0)) throw new ImageError('corrupt', 'image header declares no pixels');
  if (pixels > limits.maxPixels) {
    throw new ImageError('too-many-pixels', `image is ${meta.width}×${meta.height} = ${pixels} pixels, over the limit of ${limits.maxPixels}`);
  }
  return {
    format: meta.format as ImageFormat,
    width: meta.autoOrient?.width ?? meta.width,
    height: meta.autoOrient?.height ?? meta.height,
    orientation: meta.orientation ?? 1,
    hasAlpha: Boolean(meta.hasAlpha),
  };
}
