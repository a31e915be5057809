import type { BlobStorage, ImportSample, ImportSink } from '@lae-studio/datasets';
import { countSamples, type Db } from '@lae-studio/db';
import { storeSample } from './store-sample.ts';

export type ImportedMaskRole = 'training' | 'reference';

/**
 * The importers' sink for a project: bytes into storage, rows into Postgres, idempotent by content hash.
 * Masks that come with an import are either training masks (they count against the budget and train the
 * model) or reference masks (ground truth for evaluation only).
 */
export function projectSink(db: Db, storage: BlobStorage, opts: { projectId: string; masksAs: ImportedMaskRole }): ImportSink {
  return {
    async has(contentHash) {
      return (await countSamples(db, { projectId: opts.projectId, contentHash })) > 0;
    },
    addSample(s: ImportSample) {
      return storeSample(db, storage, {
        projectId: opts.projectId,
        bytes: s.bytes,
        width: s.width,
        height: s.height,
        label: s.label,
        manipulation: s.manipulation,
        split: s.split,
        novelty: s.novelty,
        sourceName: s.sourceName,
        ...(s.video ? { video: s.video } : {}),
        mask: s.mask ? { mask: s.mask, source: 'import', reference: opts.masksAs === 'reference' } : null,
      });
    },
  };
}
