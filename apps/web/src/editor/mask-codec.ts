import { decodeRle, encodeCompressedRle, type CompressedRle } from '@lae-studio/mask-codec';
import type { MaskBuffer } from './mask-buffer';

/** The editor's mask in the wire form: COCO compressed RLE of the binarised coverage. */
export function maskToRle(mask: MaskBuffer): CompressedRle {
  return encodeCompressedRle({ width: mask.width, height: mask.height, data: mask.toBinary() });
}

/** An empty mask's RLE ("no visible forgery"). */
export function emptyRle(width: number, height: number): CompressedRle {
  return encodeCompressedRle({ width, height, data: new Uint8Array(width * height) });
}

/** Wire RLE → binary pixels (0/1, row-major); throws on a malformed or wrong-size mask. */
export function rleToBinary(rle: CompressedRle, width: number, height: number): Uint8Array {
  const mask = decodeRle(rle);
  if (mask.width !== width || mask.height !== height) throw new Error(`draft is ${mask.width}×${mask.height}, the image ${width}×${height}`);
  return mask.data;
}
