import { existsSync } from 'node:fs';
import path from 'node:path';
import { MASK_FORMATS, readMaskSource, type MaskFormat } from '@lae-studio/datasets';
import { importMasksIntoProject, type ImportedMaskRole } from '@lae-studio/project-data';
import { fail, say } from '../output.ts';
import { progressBar } from '../progress.ts';
import { printSkipped } from '../skipped.ts';
import { projectBySlug, withPlatform } from '../with-platform.ts';

/** `lae-studio import-masks <file|dir>`: COCO / Label Studio JSON or a PNG mask folder onto a project's samples. */
export async function importMasks(source: string, o: { project: string; format: string; masks: string; label?: string[] }): Promise<void> {
  const file = path.resolve(source);
  if (!existsSync(file)) fail(`${file} does not exist`);
  if (!(MASK_FORMATS as readonly string[]).includes(o.format)) fail(`--format must be one of ${MASK_FORMATS.join(', ')}`);
  if (!['training', 'reference'].includes(o.masks)) fail('--masks must be training (they train the model) or reference (evaluation only)');
  await withPlatform(async ({ db }) => {
    const project = await projectBySlug(db, o.project);
    const masks = await readMaskSource(file, o.format as MaskFormat, o.label?.length ? { labels: o.label } : {});
    const bar = progressBar('masks', masks.entries.length);
    const started = Date.now();
    const r = await importMasksIntoProject(db, { projectId: project.id, masks, masksAs: o.masks as ImportedMaskRole, onProgress: (p) => bar.update(p.done, p.outcome) });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    say('import-masks', `${r.found} masks found: ${r.added} added, ${r.duplicates} already there, ${r.issues.length} skipped — ${(r.found / Math.max(seconds, 1e-3)).toFixed(0)} masks/s`);
    printSkipped(r.issues);
  });
}
