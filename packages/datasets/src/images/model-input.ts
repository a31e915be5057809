import sharp from 'sharp';
import { resolveLimits, type ImageLimits } from './limits.ts';
import { probeImage, sharpInput } from './probe.ts';
import { runSharp } from './decode.ts';

export interface ModelInputOptions {
  /** Output side S: the model sees S×S×3. */
  size: number;
  /** 'fill' (default) stretches to S×S like the training pipeline; 'cover' keeps the aspect and centre-crops. */
  fit?: 'fill' | 'cover';
  limits?: Partial<ImageLimits>;
}

export interface ModelInputUint8 {
  size: number;
  /** HWC RGB, 0–255. */
  data: Uint8Array;
}

export interface ModelInputFloat {
  size: number;
  /** HWC RGB in [0, 1]. */
  data: Float32Array;
}

/** Decodes, orients and resizes to S×S RGB with the same checks as decodeImage. */
export async function toModelInputUint8(bytes: Uint8Array, options: ModelInputOptions): Promise<ModelInputUint8> {
  const { size } = options;
  if (!Number.isInteger(size) || size < 1 || size > 4096) throw new RangeError(`model input size must be an integer in 1..4096, got ${size}`);
  const limits = resolveLimits(options.limits);
  await probeImage(bytes, limits);
  const data = await runSharp('could not decode image', () =>
    sharp(bytes, sharpInput(limits))
      .toColourspace('srgb')
      .resize(size, size, { fit: options.fit ?? 'fill', kernel: 'lanczos3' })
      .removeAlpha()
      .raw()
      .toBuffer(),
  );
  return { size, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Raw RGB bytes to the model's float layout. */
export function uint8ToFloat(data: Uint8Array): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) / 255;
  return out;
}

/** Model-size input as Float32Array HWC in [0, 1]. */
export async function toModelInput(bytes: Uint8Array, options: ModelInputOptions): Promise<ModelInputFloat> {
  const { size, data } = await toModelInputUint8(bytes, options);
  return { size, data: uint8ToFloat(data) };
}
