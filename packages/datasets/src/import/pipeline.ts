import { binarize, type BinaryMask } from '@lae-studio/mask-codec';
import fs from 'node:fs/promises';
import sharp from 'sharp';
import { decodeImage } from '../images/decode.ts';
import { ImageError } from '../images/errors.ts';
import { resolveLimits, type ImageLimits } from '../images/limits.ts';
import { probeImage, sharpInput } from '../images/probe.ts';
import { contentKey } from '../storage/keys.ts';
import { type Split } from '../synthetic/config.ts';
import { type Label, type Novelty } from '../synthetic/plan.ts';
import { type ImportIssue, type ImportIssueCode, type ImportProgress, type ImportReport, type ImportSample, type ImportSink } from './types.ts';

/** A file an importer found, with everything decided except whether it is valid. */
export interface ImportCandidate {
  /** POSIX path relative to the import root. */
  path: string;
  absolutePath: string;
  maskPath: string | null;
  maskAbsolutePath: string | null;
  label: Label;
  manipulation: string | null;
  split: Split;
  novelty: Novelty;
  group: string;
}

export interface ImportOptions {
  limits?: Partial<ImageLimits>;
  /** Files validated ahead of the sink (sharp decodes on its own threads). Default 4. */
  concurrency?: number;
  /**
   * Mask pixels ≥ threshold (on the 8-bit gray scale) are set. Default 'auto': any non-zero value for 0/1
   * masks, else ≥ 128, which also binarizes soft or JPEG-compressed masks.
   */
  maskThreshold?: number | 'auto';
  onProgress?: (progress: ImportProgress) => void;
}

class SkipError extends Error {
  constructor(
    readonly code: ImportIssueCode,
    message: string,
  ) {
    super(message);
  }
}

const IMAGE_CODES: Record<ImageError['code'], ImportIssueCode> = {
  'not-an-image': 'not-an-image',
  'unsupported-format': 'unsupported-format',
  'too-many-bytes': 'too-large',
  'too-many-pixels': 'too-large',
  corrupt: 'corrupt-image',
};

async function readLimited(file: string, maxBytes: number): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (error) {
    throw new SkipError('unreadable', (error as Error).message);
  }
  if (size > maxBytes) throw new SkipError('too-large', `file is ${size} bytes, over the limit of ${maxBytes}`);
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (error) {
    throw new SkipError('unreadable', (error as Error).message);
  }
}

/** Decodes a mask file of any supported format to a binary mask at its own size. */
export async function decodeMaskFile(bytes: Uint8Array, limits: ImageLimits, threshold: number | 'auto' = 'auto'): Promise<BinaryMask> {
  try {
    await probeImage(bytes, limits);
    const { data, info } = await sharp(bytes, sharpInput(limits)).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true });
    let t = threshold;
    if (t === 'auto') {
      let max = 0;
      for (let i = 0; i < data.length; i++) if ((data[i] as number) > max) max = data[i] as number;
      t = max <= 1 ? 1 : 128;
    }
    return binarize(info.width, info.height, data, t, { maxPixels: limits.maxPixels });
  } catch (error) {
    throw new SkipError('corrupt-mask', `mask: ${(error as Error).message}`);
  }
}

type Prepared = { kind: 'sample'; sample: ImportSample } | { kind: 'known' } | { kind: 'skip'; issue: ImportIssue };

async function prepare(c: ImportCandidate, sink: ImportSink, limits: ImageLimits, threshold: number | 'auto'): Promise<Prepared> {
  try {
    const bytes = await readLimited(c.absolutePath, limits.maxBytes);
    const contentHash = contentKey(bytes);
    if (sink.has && (await sink.has(contentHash))) return { kind: 'known' };
    let image;
    try {
      image = await decodeImage(bytes, { limits });
    } catch (error) {
      if (error instanceof ImageError) throw new SkipError(IMAGE_CODES[error.code], error.message);
      throw error;
    }
    let mask: BinaryMask | null = null;
    if (c.maskAbsolutePath) {
      mask = await decodeMaskFile(await readLimited(c.maskAbsolutePath, limits.maxBytes), limits, threshold);
      if (mask.width !== image.width || mask.height !== image.height) {
        throw new SkipError('mask-size-mismatch', `mask ${c.maskPath} is ${mask.width}×${mask.height}, image is ${image.width}×${image.height}`);
      }
    }
    return {
      kind: 'sample',
      sample: {
        sourceName: c.path,
        bytes,
        contentHash,
        format: image.format,
        width: image.width,
        height: image.height,
        label: c.label,
        manipulation: c.manipulation,
        split: c.split,
        novelty: c.novelty,
        group: c.group,
        mask,
        maskSourceName: mask ? c.maskPath : null,
      },
    };
  } catch (error) {
    if (error instanceof SkipError) return { kind: 'skip', issue: { path: c.path, code: error.code, message: error.message } };
    return { kind: 'skip', issue: { path: c.path, code: 'unreadable', message: (error as Error).message } };
  }
}

/**
 * Validates candidates (read, hash, decode, mask check) a few at a time and hands them to the sink in
 * order, one at a time, so a database sink sees a deterministic sequence. A bad file is reported and
 * skipped; nothing else stops.
 */
export async function runImport(
  candidates: readonly ImportCandidate[],
  sink: ImportSink,
  scanIssues: readonly ImportIssue[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const limits = resolveLimits(options.limits);
  const threshold = options.maskThreshold ?? 'auto';
  const report: ImportReport = { scanned: candidates.length, added: 0, duplicates: 0, issues: [...scanIssues], bySplit: {}, byManipulation: {}, masks: 0 };
  const window = Math.max(1, options.concurrency ?? 4);
  const pending: Promise<Prepared>[] = [];
  let next = 0;
  const launch = () => pending.push(prepare(candidates[next++] as ImportCandidate, sink, limits, threshold));
  while (next < candidates.length && pending.length < window) launch();
  for (let done = 0; done < candidates.length; done++) {
    const prepared = await (pending.shift() as Promise<Prepared>);
    if (next < candidates.length) launch();
    const c = candidates[done] as ImportCandidate;
    let outcome: ImportProgress['outcome'];
    if (prepared.kind === 'skip') {
      report.issues.push(prepared.issue);
      outcome = 'skipped';
    } else if (prepared.kind === 'known') {
      report.duplicates++;
      outcome = 'duplicate';
    } else {
      try {
        outcome = await sink.addSample(prepared.sample);
      } catch (error) {
        report.issues.push({ path: c.path, code: 'sink-error', message: (error as Error).message });
        outcome = 'skipped';
      }
      if (outcome === 'added') {
        report.added++;
        report.bySplit[c.split] = (report.bySplit[c.split] ?? 0) + 1;
        const key = c.manipulation ?? 'real';
        report.byManipulation[key] = (report.byManipulation[key] ?? 0) + 1;
        if (prepared.sample.mask) report.masks++;
      } else if (outcome === 'duplicate') report.duplicates++;
    }
    options.onProgress?.({ done: done + 1, total: candidates.length, path: c.path, outcome });
  }
  return report;
}
