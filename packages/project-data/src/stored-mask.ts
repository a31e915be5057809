import { decodeMaskPng, decodeRle, type BinaryMask } from '@lae-studio/mask-codec';

/** A mask row as stored: RLE rows hold the COCO compressed counts string (UTF-8); PNG rows the PNG bytes. */
export interface StoredMask {
  encoding: 'rle' | 'png';
  data: Uint8Array;
  width: number;
  height: number;
}

export function decodeStoredMask(m: StoredMask): BinaryMask {
  if (m.encoding === 'rle') return decodeRle({ size: [m.height, m.width], counts: new TextDecoder().decode(m.data) });
  const mask = decodeMaskPng(m.data);
  if (mask.width !== m.width || mask.height !== m.height) throw new Error(`stored PNG mask is ${mask.width}×${mask.height}, row says ${m.width}×${m.height}`);
  return mask;
}
