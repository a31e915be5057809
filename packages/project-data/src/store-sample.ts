import { createHash } from 'node:crypto';
import type { BlobStorage, ImportSample } from '@lae-studio/datasets';
import { addMaskVersion, addSample, countSamples, type Db, type Label, type MaskSource, type Novelty, type Split } from '@lae-studio/db';
import { encodeCompressedRle, maskArea, type BinaryMask } from '@lae-studio/mask-codec';

/** A sample for a project: an importer's (bytes kept as they are), or the generator's. */
export interface IncomingSample extends Pick<ImportSample, 'bytes' | 'width' | 'height' | 'manipulation' | 'sourceName'> {
  projectId: string;
  label: Label;
  split: Split;
  novelty: Novelty;
  /** A frame sampled from a video: the video's path and the frame's index in it. */
  video?: { name: string; frameIndex: number };
  /** A mask that arrives with the sample (importer masks, or the generator's ground truth). */
  mask?: { mask: BinaryMask; source: MaskSource; reference: boolean } | null;
}

/** Masks are stored as COCO compressed RLE strings (UTF-8): a few hundred bytes for a typical region. */
export function encodeStoredRle(mask: BinaryMask): Uint8Array {
  return new TextEncoder().encode(encodeCompressedRle(mask).counts);
}

/**
 * Store one sample: bytes under their content address, a Sample row unless the project already has the
 * same bytes, and its mask as version 1 when it is new. Re-running adds nothing.
 */
export async function storeSample(db: Db, storage: BlobStorage, s: IncomingSample): Promise<'added' | 'duplicate'> {
  const contentHash = createHash('sha256').update(s.bytes).digest('hex');
  if ((await countSamples(db, { projectId: s.projectId, contentHash })) > 0) return 'duplicate';
  const { key } = await storage.put(s.bytes);
  const { sample, created } = await addSample(db, {
    projectId: s.projectId,
    storageKey: key,
    width: s.width,
    height: s.height,
    contentHash,
    label: s.label,
    manipulation: s.manipulation,
    split: s.split,
    novelty: s.novelty,
    sourceName: s.sourceName,
    videoName: s.video?.name ?? null,
    frameIndex: s.video?.frameIndex ?? null,
  });
  if (!created) return 'duplicate';
  if (s.mask && s.label === 'fake') {
    if (s.mask.mask.width !== s.width || s.mask.mask.height !== s.height) throw new Error(`mask is ${s.mask.mask.width}×${s.mask.mask.height}, image ${s.width}×${s.height}`);
    await addMaskVersion(db, {
      sampleId: sample.id,
      source: s.mask.source,
      encoding: 'rle',
      data: encodeStoredRle(s.mask.mask),
      width: s.width,
      height: s.height,
      area: maskArea(s.mask.mask),
      reference: s.mask.reference,
      review: 'accepted',
    });
  }
  return 'added';
}
