import fc from 'fast-check';
import { type BinaryMask } from '../src/index.ts';

/** Masks of every shape the codecs must survive: 1×N, N×1, odd sizes; uniform noise, sparse dots and blocks. */
export function arbitraryMask(maxSide = 48): fc.Arbitrary<BinaryMask> {
  return fc
    .record({ width: fc.integer({ min: 1, max: maxSide }), height: fc.integer({ min: 1, max: maxSide }) })
    .chain(({ width, height }) => {
      const n = width * height;
      const noise = fc.uint8Array({ minLength: n, maxLength: n, min: 0, max: 1 });
      const sparse = fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: Math.min(n, 12) }).map((idx) => {
        const data = new Uint8Array(n);
        for (const i of idx) data[i] = 1;
        return data;
      });
      const block = fc
        .record({
          x: fc.integer({ min: 0, max: width - 1 }),
          y: fc.integer({ min: 0, max: height - 1 }),
          w: fc.integer({ min: 0, max: width }),
          h: fc.integer({ min: 0, max: height }),
          invert: fc.boolean(),
        })
        .map(({ x, y, w, h, invert }) => {
          const data = new Uint8Array(n).fill(invert ? 1 : 0);
          for (let j = y; j < Math.min(height, y + h); j++) for (let i = x; i < Math.min(width, x + w); i++) data[j * width + i] = invert ? 0 : 1;
          return data;
        });
      const constant = fc.constantFrom(0, 1).map((v) => new Uint8Array(n).fill(v));
      return fc.oneof(noise, sparse, block, constant).map((data) => ({ width, height, data }));
    });
}
