import { type BinaryMask } from '@lae-studio/mask-codec';
import { type ImportIssue } from '../types.ts';

/** One mask found in a COCO file, a Label Studio export or a PNG folder, not yet decoded. */
export interface MaskEntry {
  /** The image file name the mask belongs to, as the source names it; matched to a sample's sourceName. */
  name: string;
  /** Where in the source it was found (file, image id, task id), for reports. */
  where: string;
  /** Decodes at the size the source declares; throws (MaskFormatError, RangeError) on malformed data. */
  decode(): Promise<BinaryMask>;
}

export interface MaskCollection {
  entries: MaskEntry[];
  /** Problems found while reading the source (bad rows, unknown images): each names what was skipped. */
  issues: ImportIssue[];
}
