import { type BinaryMask } from '@lae-studio/mask-codec';
import { type ImageFormat } from '../images/probe.ts';
import { type Split } from '../synthetic/config.ts';
import { type Label, type Novelty } from '../synthetic/plan.ts';

/** One validated sample, ready to be stored: what an importer hands its sink. */
export interface ImportSample {
  /** Path relative to the import root (POSIX separators): where the sample came from. */
  sourceName: string;
  /** The original file, unchanged. */
  bytes: Uint8Array;
  /** sha256 hex of `bytes`: the storage key and the dedupe key. */
  contentHash: string;
  format: ImageFormat;
  /** Upright size (after EXIF orientation). */
  width: number;
  height: number;
  label: Label;
  /** Manipulation name for fakes (folder name or FF++ method), null for reals. */
  manipulation: string | null;
  split: Split;
  novelty: Novelty;
  /** Samples of one group (a video, an identity) always share a split. */
  group: string;
  /** Binarized mask at the image's size, when one was supplied; null otherwise. */
  mask: BinaryMask | null;
  maskSourceName: string | null;
  /** Set for a frame sampled from a video: the video's path (relative to the import root) and the frame index. */
  video?: { name: string; frameIndex: number };
}

/** Where imported samples go (the database, in the app). Implementations must make addSample idempotent by contentHash. */
export interface ImportSink {
  /** Skip decoding files the sink already holds (optional fast path). */
  has?(contentHash: string): Promise<boolean>;
  addSample(sample: ImportSample): Promise<'added' | 'duplicate'>;
}

export type ImportIssueCode =
  | 'unreadable'
  | 'not-an-image'
  | 'unsupported-format'
  | 'too-large'
  | 'corrupt-image'
  | 'corrupt-mask'
  | 'mask-size-mismatch'
  | 'unsafe-path'
  | 'not-in-manifest'
  | 'bad-manifest'
  | 'sink-error'
  // mask imports
  | 'bad-annotation'
  | 'unsupported-region'
  | 'no-matching-sample'
  | 'ambiguous-match'
  | 'empty-mask'
  | 'real-sample'
  // video imports
  | 'corrupt-video'
  | 'missing-mask-frames';

/** A file that was skipped, and why; the rest of the import goes on. */
export interface ImportIssue {
  path: string;
  code: ImportIssueCode;
  message: string;
}

export interface ImportProgress {
  done: number;
  total: number;
  path: string;
  outcome: 'added' | 'duplicate' | 'skipped';
}

export interface ImportReport {
  /** Candidate images found. */
  scanned: number;
  added: number;
  duplicates: number;
  /** Candidates skipped, plus files refused while scanning (unsafe paths, bad manifest rows). */
  issues: ImportIssue[];
  bySplit: Record<string, number>;
  byManipulation: Record<string, number>;
  masks: number;
}
