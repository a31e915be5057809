import fc from 'fast-check';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodeMaskPng, encodeMaskPng, MaskFormatError, masksEqual, readPngHeader, type BinaryMask } from '../src/index.ts';
import { arbitraryMask } from './arbitraries.ts';

const sample: BinaryMask = { width: 11, height: 3, data: Uint8Array.from('10000000001' + '01111111110' + '00000100000', Number) };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MaskFormatError);
    return (error as MaskFormatError).code;
  }
  throw new Error('expected a MaskFormatError');
}

describe('mask PNG round trips', () => {
  it('1-bit and 8-bit PNGs decode to the same mask, at native size', () => {
    fc.assert(
      fc.property(arbitraryMask(), fc.constantFrom(1 as const, 8 as const), (mask, bitDepth) => {
        const png = encodeMaskPng(mask, { bitDepth });
        const header = readPngHeader(png);
        expect([header.width, header.height, header.bitDepth]).toEqual([mask.width, mask.height, bitDepth]);
        expect(masksEqual(decodeMaskPng(png), mask)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('writes 0/255 in 8-bit mode so viewers show the mask', () => {
    const png = encodeMaskPng(sample, { bitDepth: 8 });
    expect(readPngHeader(png).bitDepth).toBe(8);
    expect(masksEqual(decodeMaskPng(png), sample)).toBe(true);
  });

  it('reads masks written by other tools: 0/1 gray, RGB, RGBA, 16-bit', () => {
    const n = sample.data.length;
    const gray01 = encode({ width: 11, height: 3, data: sample.data, depth: 8, channels: 1 });
    const rgb = encode({ width: 11, height: 3, data: Uint8Array.from({ length: n * 3 }, (_, i) => sample.data[Math.floor(i / 3)]! * 255), channels: 3 });
    const rgba = encode({
      width: 11,
      height: 3,
      data: Uint8Array.from({ length: n * 4 }, (_, i) => (i % 4 === 3 ? 255 : sample.data[Math.floor(i / 4)]! * 255)),
      channels: 4,
    });
    const gray16 = encode({ width: 11, height: 3, data: Uint16Array.from(sample.data, (v) => v * 65535), depth: 16, channels: 1 });
    for (const png of [gray01, rgb, rgba, gray16]) expect(masksEqual(decodeMaskPng(png), sample)).toBe(true);
  });
});

describe('malformed PNG is rejected', () => {
  const good = encodeMaskPng(sample);

  it('not a PNG', () => {
    expect(codeOf(() => decodeMaskPng(new Uint8Array([1, 2, 3])))).toBe('invalid-png');
    expect(codeOf(() => decodeMaskPng(new TextEncoder().encode('GIF89a........................................')))).toBe('invalid-png');
  });

  it('truncated or bit-flipped data', () => {
    expect(codeOf(() => decodeMaskPng(good.slice(0, good.length - 20)))).toBe('invalid-png');
    const flipped = good.slice();
    flipped[good.length - 20]! ^= 0xff; // inside IDAT: the CRC check catches it
    expect(codeOf(() => decodeMaskPng(flipped))).toBe('invalid-png');
  });

  it('random garbage after a valid signature never crashes nor yields a wrong-size mask', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const bytes = good.slice();
        bytes[at]! ^= xor;
        try {
          const mask = decodeMaskPng(bytes);
          expect(mask.data.length).toBe(mask.width * mask.height);
        } catch (error) {
          expect(error).toBeInstanceOf(MaskFormatError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a decompression bomb is refused from its header, before inflating', () => {
    const bomb = good.slice();
    new DataView(bomb.buffer).setUint32(16, 200_000); // width
    new DataView(bomb.buffer).setUint32(20, 200_000); // height
    expect(codeOf(() => decodeMaskPng(bomb))).toBe('too-large');
    expect(codeOf(() => decodeMaskPng(good, { maxPixels: 32 }))).toBe('too-large');
    expect(decodeMaskPng(good, { maxPixels: 33 }).data.length).toBe(33);
  });

  it('non-binary values are refused in strict mode and thresholded on request', () => {
    const soft = encode({ width: 3, height: 1, data: new Uint8Array([0, 128, 255]), channels: 1 });
    expect(codeOf(() => decodeMaskPng(soft))).toBe('non-binary');
    expect(Array.from(decodeMaskPng(soft, { binarize: 'nonzero' }).data)).toEqual([0, 1, 1]);
    expect(Array.from(decodeMaskPng(soft, { binarize: 0.6 }).data)).toEqual([0, 0, 1]);
    expect(Array.from(decodeMaskPng(soft, { binarize: 0.5 }).data)).toEqual([0, 1, 1]);
    const mixed = encode({ width: 3, height: 1, data: new Uint8Array([0, 1, 255]), channels: 1 });
    expect(codeOf(() => decodeMaskPng(mixed))).toBe('non-binary');
    const red = encode({ width: 1, height: 1, data: new Uint8Array([255, 0, 0]), channels: 3 });
    expect(codeOf(() => decodeMaskPng(red))).toBe('non-binary');
    expect(Array.from(decodeMaskPng(red, { binarize: 'nonzero' }).data)).toEqual([1]);
    expect(codeOf(() => decodeMaskPng(soft, { binarize: 0 }))).toBe('invalid-data');
  });

  it('refuses to encode a non-binary or wrong-size mask', () => {
    expect(codeOf(() => encodeMaskPng({ width: 2, height: 2, data: new Uint8Array([0, 1, 2, 0]) }))).toBe('non-binary');
    expect(codeOf(() => encodeMaskPng({ width: 2, height: 2, data: new Uint8Array(3) }))).toBe('size-mismatch');
  });
});
