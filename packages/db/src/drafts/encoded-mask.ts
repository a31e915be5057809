/**
 * A mask already decoded and validated by the caller (the web layer uses @lae-studio/mask-codec; this package stays
 * a leaf): COCO compressed RLE counts as UTF-8 bytes, its size, and its number of set pixels.
 */
export interface EncodedMask {
  encoding: 'rle';
  data: Uint8Array;
  width: number;
  height: number;
  area: number;
}
