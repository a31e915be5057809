import { binarize, type BinaryMask } from '@lae-studio/mask-codec';
import { decodeBinary, encodeBinary } from '@thi.ng/rle-pack';

// Label Studio's brush format: the mask as an RGBA image (row-major, 4 bytes a pixel, 255 where painted)
// packed with @thi.ng/rle-pack's binary RLE (8-bit words, run-length groups of 3/4/8/16 bits), the same
// library Label Studio's editor decodes brush regions with and the same parameters its converter writes.

export interface LabelStudioBrushResult {
  id: string;
  type: 'brushlabels';
  from_name: string;
  to_name: string;
  original_width: number;
  original_height: number;
  image_rotation: 0;
  value: { format: 'rle'; rle: number[]; brushlabels: string[] };
}

/** The brush RLE of a mask, as Label Studio stores it (`value.rle`). */
export function toLabelStudioRle(mask: BinaryMask): number[] {
  const { data } = mask;
  const rgba = new Uint8Array(data.length * 4);
  for (let i = 0; i < data.length; i++) if (data[i] === 1) rgba.fill(255, i * 4, i * 4 + 4);
  return Array.from(encodeBinary(rgba, rgba.length, 8, [3, 4, 8, 16]));
}

/** A mask back from Label Studio brush RLE: the alpha channel, any non-zero value set (as its converter does). */
export function fromLabelStudioRle(rle: readonly number[] | Uint8Array, width: number, height: number): BinaryMask {
  const rgba = decodeBinary(Uint8Array.from(rle));
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`brush RLE holds ${rgba.length} values, expected ${width * height * 4} for ${width}×${height} RGBA`);
  }
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3] as number;
  return binarize(width, height, alpha, 1);
}

/** One brush region for a Label Studio task's `annotations[].result` or `predictions[].result`. */
export function toLabelStudioBrushResult(
  mask: BinaryMask,
  options: { id: string; label: string; fromName?: string; toName?: string },
): LabelStudioBrushResult {
  return {
    id: options.id,
    type: 'brushlabels',
    from_name: options.fromName ?? 'tag',
    to_name: options.toName ?? 'image',
    original_width: mask.width,
    original_height: mask.height,
    image_rotation: 0,
    value: { format: 'rle', rle: toLabelStudioRle(mask), brushlabels: [options.label] },
  };
}
