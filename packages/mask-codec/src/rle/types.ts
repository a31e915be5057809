/** COCO RLE with the run lengths as numbers (pycocotools' "uncompressed RLE"); size is [height, width]. */
export interface UncompressedRle {
  size: [number, number];
  counts: number[];
}

/** COCO RLE with the run lengths packed into pycocotools' 6-bit ASCII string (what `mask.encode` returns). */
export interface CompressedRle {
  size: [number, number];
  counts: string;
}

export type CocoRle = UncompressedRle | CompressedRle;
