import { MaskFormatError } from './errors.ts';
import { checkDimensions, type MaskLimits } from './limits.ts';

/** A binary mask: `data[y * width + x]` is 1 where the pixel is forged, 0 elsewhere (row-major, one byte a pixel). */
export interface BinaryMask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** An all-zero mask. */
export function createMask(width: number, height: number, limits?: MaskLimits): BinaryMask {
  checkDimensions(width, height, limits);
  return { width, height, data: new Uint8Array(width * height) };
}

/** Throws a MaskFormatError unless `value` is a well-formed BinaryMask (sizes, buffer length, only 0/1). */
export function assertBinaryMask(value: unknown, limits?: MaskLimits): asserts value is BinaryMask {
  if (typeof value !== 'object' || value === null) {
    throw new MaskFormatError('invalid-data', 'mask must be an object with width, height and data');
  }
  const { width, height, data } = value as Partial<BinaryMask>;
  checkDimensions(width, height, limits);
  if (!(data instanceof Uint8Array)) {
    throw new MaskFormatError('invalid-data', 'mask data must be a Uint8Array');
  }
  const expected = (width as number) * (height as number);
  if (data.length !== expected) {
    throw new MaskFormatError('size-mismatch', `mask data has ${data.length} values, expected ${expected} for ${String(width)}×${String(height)}`);
  }
  const bad = data.findIndex((v) => v > 1);
  if (bad !== -1) {
    throw new MaskFormatError('non-binary', `mask value ${data[bad]} at index ${bad} is not 0 or 1`);
  }
}

export function isBinaryMask(value: unknown, limits?: MaskLimits): value is BinaryMask {
  try {
    assertBinaryMask(value, limits);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds a mask from arbitrary per-pixel values (e.g. a decoded 8-bit image): any value ≥ threshold is set.
 * Use this to binarize soft or 0/255 masks; use assertBinaryMask to insist on 0/1.
 */
export function binarize(width: number, height: number, values: ArrayLike<number>, threshold = 1, limits?: MaskLimits): BinaryMask {
  checkDimensions(width, height, limits);
  const n = width * height;
  if (values.length !== n) {
    throw new MaskFormatError('size-mismatch', `got ${values.length} values, expected ${n} for ${width}×${height}`);
  }
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = (values[i] as number) >= threshold ? 1 : 0;
  return { width, height, data };
}

/** Number of set pixels. */
export function maskArea(mask: BinaryMask): number {
  let area = 0;
  const { data } = mask;
  for (let i = 0; i < data.length; i++) area += data[i] as number;
  return area;
}

/** Tight bounding box `[x, y, width, height]` of the set pixels (COCO order); all zeros for an empty mask. */
export function maskBbox(mask: BinaryMask): [number, number, number, number] {
  const { width, height, data } = mask;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x] === 1) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
    }
  }
  return x1 < 0 ? [0, 0, 0, 0] : [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}

export function masksEqual(a: BinaryMask, b: BinaryMask): boolean {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}
