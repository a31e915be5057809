import { describe, expect, it } from 'vitest';
import { assertBinaryMask, binarize, createMask, isBinaryMask, maskArea, maskBbox, MaskFormatError } from '../src/index.ts';

describe('BinaryMask', () => {
  it('validates shape, buffer length and values', () => {
    expect(isBinaryMask({ width: 2, height: 1, data: new Uint8Array([0, 1]) })).toBe(true);
    expect(isBinaryMask({ width: 2, height: 1, data: new Uint8Array([0, 2]) })).toBe(false);
    expect(isBinaryMask({ width: 2, height: 2, data: new Uint8Array([0, 1]) })).toBe(false);
    expect(isBinaryMask({ width: 2, height: 1, data: [0, 1] })).toBe(false);
    expect(isBinaryMask({ width: 0, height: 1, data: new Uint8Array(0) })).toBe(false);
    expect(isBinaryMask({ width: 1.5, height: 2, data: new Uint8Array(3) })).toBe(false);
    expect(() => assertBinaryMask({ width: 2, height: 1, data: new Uint8Array([0, 7]) })).toThrow(/value 7 at index 1/);
    expect(() => createMask(5000, 5000, { maxPixels: 1000 })).toThrow(MaskFormatError);
    expect(createMask(3, 2).data).toEqual(new Uint8Array(6));
  });

  it('binarizes by threshold and checks the value count', () => {
    expect(Array.from(binarize(4, 1, [0, 127, 128, 255], 128).data)).toEqual([0, 0, 1, 1]);
    expect(() => binarize(2, 2, [1, 2, 3])).toThrow(/expected 4/);
  });

  it('computes area and the COCO [x, y, w, h] bbox', () => {
    const mask = binarize(5, 4, [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(maskArea(mask)).toBe(2);
    expect(maskBbox(mask)).toEqual([1, 1, 3, 2]);
    expect(maskBbox(createMask(3, 3))).toEqual([0, 0, 0, 0]);
  });
});
