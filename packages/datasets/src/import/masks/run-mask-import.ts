import { maskArea, type BinaryMask } from '@lae-studio/mask-codec';
import { type ImportIssue, type ImportIssueCode } from '../types.ts';
import { SampleNameIndex, type SampleRef } from './match.ts';
import { type MaskCollection } from './types.ts';

/** Where matched masks go (a project's database, in the app); addMask must be idempotent by mask content. */
export interface MaskTarget<S extends SampleRef = SampleRef> {
  samples(): Promise<S[]>;
  addMask(sample: S, mask: BinaryMask): Promise<'added' | 'duplicate'>;
}

export interface MaskImportProgress {
  done: number;
  total: number;
  outcome: 'added' | 'duplicate' | 'skipped';
}

export interface MaskImportReport {
  /** Masks found in the source. */
  found: number;
  added: number;
  duplicates: number;
  /** Masks (or source rows) skipped, each with why. */
  issues: ImportIssue[];
}

function issueCode(error: unknown): ImportIssueCode {
  const code = (error as { code?: unknown }).code;
  return code === 'too-large' ? 'too-large' : code === 'corrupt-mask' ? 'corrupt-mask' : 'bad-annotation';
}

/**
 * Matches each mask of the source to a sample by file name, checks it (a fake, the image's size, not empty)
 * and hands it to the target one at a time. A bad mask is reported and skipped; nothing else stops.
 */
export async function runMaskImport<S extends SampleRef>(source: MaskCollection, target: MaskTarget<S>, onProgress?: (p: MaskImportProgress) => void): Promise<MaskImportReport> {
  const index = new SampleNameIndex(await target.samples());
  const report: MaskImportReport = { found: source.entries.length, added: 0, duplicates: 0, issues: [...source.issues] };
  const skip = (path: string, code: ImportIssueCode, message: string) => report.issues.push({ path, code, message });
  for (const [i, entry] of source.entries.entries()) {
    let outcome: MaskImportProgress['outcome'] = 'skipped';
    const m = index.match(entry.name);
    if (m.kind === 'none') skip(entry.where, 'no-matching-sample', `no sample of the project is named like ${JSON.stringify(entry.name)}`);
    else if (m.kind === 'ambiguous') skip(entry.where, 'ambiguous-match', `${m.count} samples are named like ${JSON.stringify(entry.name)}; give a longer path`);
    else if (m.sample.label !== 'fake') skip(entry.where, 'real-sample', `${entry.name} is a real sample: real images carry no forgery mask`);
    else {
      let mask: BinaryMask | null = null;
      try {
        mask = await entry.decode();
      } catch (error) {
        skip(entry.where, issueCode(error), (error as Error).message);
      }
      if (mask && (mask.width !== m.sample.width || mask.height !== m.sample.height)) {
        skip(entry.where, 'mask-size-mismatch', `mask is ${mask.width}×${mask.height}, the image ${m.sample.width}×${m.sample.height}`);
      } else if (mask && maskArea(mask) === 0) {
        skip(entry.where, 'empty-mask', 'mask has no set pixel (use "no visible forgery" in the editor instead)');
      } else if (mask) {
        try {
          outcome = await target.addMask(m.sample, mask);
          if (outcome === 'added') report.added++;
          else report.duplicates++;
        } catch (error) {
          skip(entry.where, 'sink-error', (error as Error).message);
        }
      }
    }
    onProgress?.({ done: i + 1, total: source.entries.length, outcome });
  }
  return report;
}
