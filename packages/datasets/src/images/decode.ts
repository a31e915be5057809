import sharp from 'sharp';
import { ImageError } from './errors.ts';
import { resolveLimits, type ImageLimits } from './limits.ts';
import { probeImage, sharpInput, type ImageInfo } from './probe.ts';

export interface DecodedImage extends ImageInfo {
  channels: 3 | 4;
  /** Row-major, interleaved 8-bit samples (RGB or RGBA), upright per EXIF. */
  data: Uint8Array;
}

export interface DecodeOptions {
  limits?: Partial<ImageLimits>;
  /** 3 (default): RGB, alpha flattened away. 4: RGBA, e.g. for a canvas ImageData. */
  channels?: 3 | 4;
}

/** Wraps sharp failures on pixel data (truncated or corrupt streams) in an ImageError. */
export async function runSharp<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError('corrupt', `${what}: ${(error as Error).message}`, { cause: error });
  }
}

/** Validates (header, limits) and fully decodes a JPEG/PNG/WebP, applying the EXIF orientation. */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  const limits = resolveLimits(options.limits);
  const info = await probeImage(bytes, limits);
  const channels = options.channels ?? 3;
  const { data, info: out } = await runSharp('could not decode image', () => {
    const pipeline = sharp(bytes, sharpInput(limits)).toColourspace('srgb');
    return (channels === 4 ? pipeline.ensureAlpha() : pipeline.removeAlpha()).raw().toBuffer({ resolveWithObject: true });
  });
  if (out.width !== info.width || out.height !== info.height || out.channels !== channels) {
    throw new ImageError('corrupt', `decoded ${out.width}×${out.height}×${out.channels}, header said ${info.width}×${info.height}`);
  }
  return { ...info, channels, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
