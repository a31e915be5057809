import { encode } from 'fast-png';
import { assertBinaryMask, type BinaryMask } from '../mask.ts';

export interface MaskPngOptions {
  /** 1: packed bits, smallest (default). 8: grayscale 0/255, what image viewers and most tools expect. */
  bitDepth?: 1 | 8;
}

/** Lossless PNG of a mask at its native size (fast-png: pure JS, same output in the browser and in Node). */
export function encodeMaskPng(mask: BinaryMask, options: MaskPngOptions = {}): Uint8Array {
  assertBinaryMask(mask);
  const { width, height, data } = mask;
  if (options.bitDepth === 8) {
    const gray = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) gray[i] = data[i] === 1 ? 255 : 0;
    return encode({ width, height, data: gray, depth: 8, channels: 1 }, { zlib: { level: 9 } });
  }
  const stride = Math.ceil(width / 8);
  const packed = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] === 1) packed[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return encode({ width, height, data: packed, depth: 1, channels: 1 }, { zlib: { level: 9 } });
}
