import { runMaskImport, type MaskCollection, type MaskImportProgress, type MaskImportReport } from '@lae-studio/datasets';
import { addImportedMask, listSampleNames, type Db } from '@lae-studio/db';
import { maskArea } from '@lae-studio/mask-codec';
import type { ImportedMaskRole } from './db-sink.ts';
import { encodeStoredRle } from './store-sample.ts';

/**
 * Masks made in another tool (COCO, Label Studio, a PNG folder) onto a project's samples, matched by file
 * name, as training masks or reference masks. Re-importing the same masks stores nothing new.
 */
export function importMasksIntoProject(
  db: Db,
  opts: { projectId: string; masks: MaskCollection; masksAs: ImportedMaskRole; onProgress?: (p: MaskImportProgress) => void },
): Promise<MaskImportReport> {
  return runMaskImport(
    opts.masks,
    {
      samples: () => listSampleNames(db, { projectId: opts.projectId }),
      addMask: (sample, mask) =>
        addImportedMask(db, { sampleId: sample.id, encoding: 'rle', data: encodeStoredRle(mask), width: mask.width, height: mask.height, area: maskArea(mask), reference: opts.masksAs === 'reference' }),
    },
    opts.onProgress,
  );
}
