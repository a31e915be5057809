import { MaskFormatError } from '../errors.ts';

// pycocotools' rleToString / rleFrString (common/maskApi.c), re-implemented because no maintained npm package
// offers it for both Node and the browser. Each count (from the fourth on: its difference to the count two
// before) is written as a signed little-endian base-32 number, 5 data bits per char, bit 0x20 = "more chars
// follow", bit 0x10 of the last char = sign; each char is offset by 48 so it lands in '0'..'o'.
// Arithmetic instead of bit operators keeps counts above 2^31 exact.

const CHAR_OFFSET = 48;
const MAX_CHARS_PER_COUNT = 10; // 50 bits: more than any permitted mask size needs.

/** pycocotools rleToString. */
export function countsToString(counts: readonly number[]): string {
  let out = '';
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i] as number;
    if (i > 2) x -= counts[i - 2] as number;
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32;
      x = Math.floor(x / 32);
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + CHAR_OFFSET);
    }
  }
  return out;
}

/**
 * pycocotools rleFrString, strict: rejects characters outside '0'..'o', a value cut off mid-way and any
 * count that comes out negative (where the C code would silently wrap it to a huge unsigned number).
 * `maxCounts` bounds the work on hostile input.
 */
export function countsFromString(s: string, maxCounts = Number.MAX_SAFE_INTEGER): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let scale = 1;
    let more = true;
    let chars = 0;
    while (more) {
      if (p >= s.length) {
        throw new MaskFormatError('invalid-rle', `RLE string ends in the middle of a count (at char ${p})`);
      }
      const c = s.charCodeAt(p) - CHAR_OFFSET;
      if (c < 0 || c > 63) {
        throw new MaskFormatError('invalid-rle', `RLE string has an invalid character ${JSON.stringify(s[p])} at ${p}`);
      }
      if (++chars > MAX_CHARS_PER_COUNT) {
        throw new MaskFormatError('invalid-rle', `RLE string has a count longer than ${MAX_CHARS_PER_COUNT} chars at ${p}`);
      }
      x += (c & 0x1f) * scale;
      scale *= 32;
      more = (c & 0x20) !== 0;
      p++;
      if (!more && (c & 0x10) !== 0) x -= scale; // sign-extend
    }
    const m = counts.length;
    if (m > 2) x += counts[m - 2] as number;
    if (x < 0) {
      throw new MaskFormatError('invalid-rle', `RLE string decodes to a negative run length (${x}) at count ${m}`);
    }
    if (m >= maxCounts) {
      throw new MaskFormatError('invalid-rle', `RLE string has more than ${maxCounts} counts`);
    }
    counts.push(x);
  }
  return counts;
}
