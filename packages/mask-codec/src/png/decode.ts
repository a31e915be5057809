import { convertIndexedToRgb, decode, type DecodedPng } from 'fast-png';
import { MaskFormatError } from '../errors.ts';
import { checkDimensions, type MaskLimits } from '../limits.ts';
import { type BinaryMask } from '../mask.ts';
import { readPngHeader } from './header.ts';

/**
 * How pixel values become 0/1.
 * - 'strict' (default): every pixel must be 0 or the maximum value (or the image must use only 0 and 1);
 *   colour pixels must be gray. Anything else is rejected as non-binary.
 * - 'nonzero': any non-zero value is set.
 * - a number in (0, 1]: values ≥ that fraction of the maximum are set (e.g. 0.5 for resized or lossy masks).
 * Colour images use the brightest channel; alpha is ignored.
 */
export type BinarizeRule = 'strict' | 'nonzero' | number;

export interface DecodeMaskPngOptions extends MaskLimits {
  binarize?: BinarizeRule;
}

function decodeOrThrow(bytes: Uint8Array): DecodedPng {
  try {
    return decode(bytes, { checkCrc: true });
  } catch (error) {
    throw new MaskFormatError('invalid-png', `corrupt PNG: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** One value per pixel (the brightest colour channel), plus whether every colour pixel was gray. */
function toGray(png: DecodedPng): { values: ArrayLike<number>; maxValue: number; gray: boolean } {
  const { width, height } = png;
  const n = width * height;
  if (png.palette) {
    const rgb = convertIndexedToRgb(png);
    return toGray({ ...png, palette: undefined, data: rgb, depth: 8, channels: png.palette[0]?.length ?? 3 });
  }
  const maxValue = 2 ** png.depth - 1;
  if (png.depth < 8) {
    // fast-png leaves sub-byte grayscale packed, rows padded to whole bytes.
    const stride = Math.ceil((width * png.depth) / 8);
    const perByte = 8 / png.depth;
    const values = new Uint8Array(n);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const byte = png.data[y * stride + Math.floor(x / perByte)] as number;
        const shift = 8 - png.depth * ((x % perByte) + 1);
        values[y * width + x] = (byte >> shift) & maxValue;
      }
    }
    return { values, maxValue, gray: true };
  }
  const colour = png.channels >= 3 ? 3 : 1;
  if (colour === 1 && png.channels === 1) return { values: png.data, maxValue, gray: true };
  const values = new Uint16Array(n);
  let gray = true;
  for (let i = 0, k = 0; i < n; i++, k += png.channels) {
    let v = png.data[k] as number;
    if (colour === 3) {
      const g = png.data[k + 1] as number;
      const b = png.data[k + 2] as number;
      if (g !== v || b !== v) gray = false;
      v = Math.max(v, g, b);
    }
    values[i] = v;
  }
  return { values, maxValue, gray };
}

function binarizeValues(values: ArrayLike<number>, maxValue: number, gray: boolean, rule: BinarizeRule): Uint8Array {
  const n = values.length;
  const out = new Uint8Array(n);
  if (rule === 'strict') {
    if (!gray) throw new MaskFormatError('non-binary', 'mask PNG has coloured pixels; expected gray 0/max');
    let on = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if (v === 0) continue;
      if (on === 0) on = v;
      if (v !== on || (v !== 1 && v !== maxValue)) {
        throw new MaskFormatError('non-binary', `mask PNG pixel ${i} has value ${v}; expected only 0 and ${on === 1 ? 1 : maxValue}`);
      }
      out[i] = 1;
    }
    return out;
  }
  if (rule !== 'nonzero' && !(rule > 0 && rule <= 1)) {
    throw new MaskFormatError('invalid-data', `binarize threshold must be in (0, 1], got ${rule}`);
  }
  const threshold = rule === 'nonzero' ? 1 : Math.max(1, Math.ceil(rule * maxValue));
  for (let i = 0; i < n; i++) out[i] = (values[i] as number) >= threshold ? 1 : 0;
  return out;
}

/** Decodes any PNG (gray, gray+alpha, RGB, RGBA, palette; 1–16 bit) into a BinaryMask of the PNG's size. */
export function decodeMaskPng(bytes: Uint8Array, options: DecodeMaskPngOptions = {}): BinaryMask {
  const header = readPngHeader(bytes);
  checkDimensions(header.width, header.height, options);
  const png = decodeOrThrow(bytes);
  if (png.width !== header.width || png.height !== header.height) {
    throw new MaskFormatError('invalid-png', 'PNG header and decoded size disagree');
  }
  const { values, maxValue, gray } = toGray(png);
  if (values.length !== png.width * png.height) {
    throw new MaskFormatError('invalid-png', `PNG decoded to ${values.length} pixels, expected ${png.width * png.height}`);
  }
  return { width: png.width, height: png.height, data: binarizeValues(values, maxValue, gray, options.binarize ?? 'strict') };
}
