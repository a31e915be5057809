import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from './fixtures/pycocotools-vectors.json' with { type: 'json' };
import {
  compressRle,
  countsFromString,
  countsToString,
  decodeRle,
  decompressRle,
  encodeCompressedRle,
  encodeRle,
  maskArea,
  maskBbox,
  MaskFormatError,
  masksEqual,
  rleArea,
  rleBbox,
  type BinaryMask,
} from '../src/index.ts';
import { arbitraryMask } from './arbitraries.ts';

function maskFromRows(rows: string[]): BinaryMask {
  const height = rows.length;
  const width = rows[0]!.length;
  return { width, height, data: Uint8Array.from(rows.join(''), (c) => (c === '1' ? 1 : 0)) };
}

function expectMaskError(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MaskFormatError);
    expect((error as MaskFormatError).code).toBe(code);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a MaskFormatError');
}

describe('COCO RLE matches pycocotools', () => {
  // Vectors produced by compiling pycocotools' own rleEncode + rleToString (common/maskApi.c) over these masks,
  // fed in Fortran order as pycocotools.mask.encode(np.asfortranarray(m)) does.
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const mask = maskFromRows(v.rows);
    expect(encodeRle(mask)).toEqual({ size: v.size, counts: v.counts });
    expect(encodeCompressedRle(mask)).toEqual({ size: v.size, counts: v.string });
    expect(masksEqual(decodeRle({ size: v.size, counts: v.string }), mask)).toBe(true);
    expect(masksEqual(decodeRle({ size: v.size, counts: v.counts }), mask)).toBe(true);
  });

  it('hand-derived: column-major order and the leading zero run', () => {
    // [[0,1],[1,1]] read down columns is 0,1,1,1 → one zero then three ones.
    expect(encodeRle(maskFromRows(['01', '11'])).counts).toEqual([1, 3]);
    // [[1,0],[0,0]] starts with a set pixel → a leading empty zero run.
    expect(encodeRle(maskFromRows(['10', '00'])).counts).toEqual([0, 1, 3]);
    // Row-major would give [1,1,2]; column-major reads 0,0,1,0 → [2,1,1].
    expect(encodeRle(maskFromRows(['00', '10'])).counts).toEqual([1, 1, 2]);
    expect(encodeRle(maskFromRows(['01', '00'])).counts).toEqual([2, 1, 1]);
  });

  it('hand-derived: the 6-bit string form', () => {
    expect(countsToString([1, 3])).toBe('13'); // small values are one char each, '0' + value
    // 100 = 0b11_00100: low 5 bits 4 with the "more" bit 0x20 → 36+48 'T', then 3 → '3'.
    expect(countsToString([100])).toBe('T3');
    // 16 needs two chars because a lone 0x10 would read as a sign bit: (16|0x20)+48 = 96 '`', then '0'.
    expect(countsToString([16])).toBe('`0');
    // From the fourth count on, the difference to counts[i-2] is written: 1-2 = -1 → 31 → 'O'.
    expect(countsToString([1, 2, 3, 1])).toBe('123O');
    // The third count (i = 2) is written as is, not as a difference.
    expect(countsToString([5, 1, 5])).toBe('515');
    expect(countsFromString('123O')).toEqual([1, 2, 3, 1]);
    expect(countsFromString('T3')).toEqual([100]);
    expect(countsFromString('`0')).toEqual([16]);
  });

  it('round-trips counts through the string form, including large values and negative deltas', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 33 }), { maxLength: 40 }), (counts) => {
        expect(countsFromString(countsToString(counts))).toEqual(counts);
      }),
      { numRuns: 300 },
    );
  });
});

describe('RLE round trips', () => {
  it('decode(encode(m)) = m in both forms, with matching area and bbox', () => {
    fc.assert(
      fc.property(arbitraryMask(), (mask) => {
        const list = encodeRle(mask);
        const compressed = encodeCompressedRle(mask);
        expect(list.counts.reduce((a, b) => a + b, 0)).toBe(mask.width * mask.height);
        expect(list.counts.slice(1).every((c) => c > 0)).toBe(true); // canonical: no empty runs after the first
        expect(masksEqual(decodeRle(list), mask)).toBe(true);
        expect(masksEqual(decodeRle(compressed), mask)).toBe(true);
        expect(compressRle(list)).toEqual(compressed);
        expect(decompressRle(compressed)).toEqual(list);
        expect(rleArea(compressed)).toBe(maskArea(mask));
        expect(rleBbox(list)).toEqual(maskBbox(mask));
      }),
      { numRuns: 400 },
    );
  });

  it('handles the edge shapes', () => {
    const cases: BinaryMask[] = [
      { width: 1, height: 1, data: new Uint8Array([0]) },
      { width: 1, height: 1, data: new Uint8Array([1]) },
      { width: 1, height: 9, data: new Uint8Array([0, 1, 1, 0, 0, 1, 0, 1, 1]) },
      { width: 9, height: 1, data: new Uint8Array([1, 1, 0, 0, 1, 0, 1, 1, 1]) },
      { width: 3, height: 5, data: new Uint8Array(15).fill(1) },
    ];
    for (const mask of cases) expect(masksEqual(decodeRle(encodeCompressedRle(mask)), mask)).toBe(true);
    expect(encodeRle(cases[0]!).counts).toEqual([1]);
    expect(encodeRle(cases[1]!).counts).toEqual([0, 1]);
    expect(rleBbox(encodeRle(cases[0]!))).toEqual([0, 0, 0, 0]);
  });

  it('bbox of a run that wraps into the next column spans all rows, as pycocotools says', () => {
    // 4×2 (h=4): pixels (col 0, row 3) and (col 1, row 0) are adjacent in column-major order.
    const rle = { size: [4, 2] as [number, number], counts: [3, 2, 3] };
    expect(rleBbox(rle)).toEqual([0, 0, 2, 4]);
    expect(rleArea(rle)).toBe(2);
  });
});

describe('malformed RLE is rejected with a MaskFormatError', () => {
  it.each([
    ['counts short of h*w', { size: [2, 2], counts: [1, 2] }, 'invalid-rle', /sum to 3, expected 4/],
    ['counts beyond h*w', { size: [2, 2], counts: [1, 2, 3] }, 'invalid-rle', /exceed 4 pixels/],
    ['a negative count', { size: [2, 2], counts: [3, -1, 2] }, 'invalid-rle', /non-negative integer/],
    ['a fractional count', { size: [2, 2], counts: [1.5, 2.5] }, 'invalid-rle', /non-negative integer/],
    ['a string count in a list', { size: [2, 2], counts: ['4'] }, 'invalid-rle', /non-negative integer/],
    ['too many counts', { size: [1, 2], counts: [0, 0, 0, 2] }, 'invalid-rle', /more than 3 possible/],
    ['a missing size', { counts: [4] }, 'invalid-rle', /\[height, width\]/],
    ['a size of three numbers', { size: [2, 2, 1], counts: [4] }, 'invalid-rle', /\[height, width\]/],
    ['zero width', { size: [2, 0], counts: [] }, 'invalid-dimensions', /positive integers/],
    ['a negative size', { size: [-2, -2], counts: [4] }, 'invalid-dimensions', /positive integers/],
    ['counts of the wrong type', { size: [2, 2], counts: { 0: 4 } }, 'invalid-rle', /counts must be/],
    ['a string whose counts miss h*w', { size: [3, 2], counts: '13' }, 'invalid-rle', /sum to 4, expected 6/],
    ['a string with a bad char', { size: [2, 2], counts: '1~' }, 'invalid-rle', /invalid character/],
    ['a string cut mid-count', { size: [10, 10], counts: 'T' }, 'invalid-rle', /middle of a count/],
    ['a string decoding to a negative run', { size: [2, 2], counts: '4O' }, 'invalid-rle', /negative run/],
    ['not an object', 'hello', 'invalid-rle', /must be an object/],
    ['null', null, 'invalid-rle', /must be an object/],
  ] as const)('%s', (_name, rle, code, message) => {
    expectMaskError(() => decodeRle(rle), code, message);
  });

  it('enforces the pixel limit before allocating', () => {
    expectMaskError(() => decodeRle({ size: [100000, 100000], counts: [1e10] }), 'too-large');
    expectMaskError(() => decodeRle({ size: [10, 10], counts: [100] }, { maxPixels: 99 }), 'too-large', /exceeds the limit of 99/);
    expect(decodeRle({ size: [10, 10], counts: [100] }, { maxPixels: 100 }).data.length).toBe(100);
  });

  it('never returns a mask of the wrong size for random garbage', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.integer({ min: -5, max: 50 }), { maxLength: 12 })),
        (h, w, counts) => {
          try {
            const mask = decodeRle({ size: [h, w], counts });
            expect(mask.data.length).toBe(h * w);
            expect(mask.width).toBe(w);
            expect(mask.height).toBe(h);
          } catch (error) {
            expect(error).toBeInstanceOf(MaskFormatError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
