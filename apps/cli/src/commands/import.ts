import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { importFaceForensics, importFolder, type ImportReport } from '@lae-studio/datasets';
import { projectSink, type ImportedMaskRole } from '@lae-studio/project-data';
import { fail, say } from '../output.ts';
import { progressBar, table } from '../progress.ts';
import { printSkipped } from '../skipped.ts';
import { projectBySlug, withPlatform } from '../with-platform.ts';

export interface ImportOptions {
  project: string;
  layout: string;
  masks: string;
  seed: string;
}

/** `lae-studio import <dir>`: a folder layout or FaceForensics++ tree into a project. */
export async function importData(dir: string, o: ImportOptions): Promise<void> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) fail(`${root} is not a directory`);
  if (!['folder', 'faceforensics'].includes(o.layout)) fail('--layout must be folder or faceforensics');
  if (!['training', 'reference'].includes(o.masks)) fail('--masks must be training (they train the model) or reference (evaluation only)');
  await withPlatform(async ({ db, storage }) => {
    const project = await projectBySlug(db, o.project);
    const sink = projectSink(db, storage, { projectId: project.id, masksAs: o.masks as ImportedMaskRole });
    let bar: ReturnType<typeof progressBar> | undefined;
    const onProgress = (p: { done: number; total: number; outcome: string }) => {
      bar ??= progressBar('import', p.total);
      bar.update(p.done, p.outcome);
    };
    const started = Date.now();
    const report: ImportReport =
      o.layout === 'folder' ? await importFolder(root, sink, { seed: o.seed, onProgress }) : await importFaceForensics(root, sink, { seed: o.seed, onProgress });
    bar?.stop();
    const seconds = (Date.now() - started) / 1000;
    say('import', `${report.added} added, ${report.duplicates} duplicates, ${report.issues.length} skipped, ${report.masks} masks — ${(report.scanned / seconds).toFixed(0)} images/s`);
    console.log(table(Object.entries(report.bySplit).map(([split, n]) => ({ split, images: n }))));
    printSkipped(report.issues);
  });
}
