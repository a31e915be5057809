import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FrameSampling } from '@lae-studio/datasets';
import { importVideosIntoProject, type ImportedMaskRole } from '@lae-studio/project-data';
import { ensureFfmpeg } from '@lae-studio/services';
import { fail, say } from '../output.ts';
import { progressBar, table } from '../progress.ts';
import { printSkipped } from '../skipped.ts';
import { projectBySlug, withPlatform } from '../with-platform.ts';

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer, got "${v}"`);
  return n;
}

/** `lae-studio import-videos <dir>`: videos (folder or FaceForensics++ layout) sampled into frames of a project. */
export async function importVideosCommand(dir: string, o: { project: string; layout: string; every?: string; perVideo?: string; masks: string; seed: string }): Promise<void> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) fail(`${root} is not a directory`);
  if (!['folder', 'faceforensics'].includes(o.layout)) fail('--layout must be folder or faceforensics');
  if (!['training', 'reference'].includes(o.masks)) fail('--masks must be training or reference');
  if (o.every && o.perVideo) fail('Give one of --every <n> (every nth frame) or --per-video <n> (n frames evenly spaced).');
  const sampling: FrameSampling = o.perVideo ? { perVideo: positive('per-video', o.perVideo) } : { every: positive('every', o.every ?? '25') };
  const ffmpeg = ensureFfmpeg((l) => say('ffmpeg', l));
  await withPlatform(async ({ db, storage }) => {
    const project = await projectBySlug(db, o.project);
    let bar: ReturnType<typeof progressBar> | undefined;
    const started = Date.now();
    const r = await importVideosIntoProject(db, storage, root, {
      projectId: project.id,
      masksAs: o.masks as ImportedMaskRole,
      layout: o.layout as 'folder' | 'faceforensics',
      sampling,
      seed: o.seed,
      ffmpeg,
      onProgress: (p) => {
        bar ??= progressBar('frames', p.total);
        bar.update(p.done, p.outcome);
      },
    });
    bar?.stop();
    const seconds = (Date.now() - started) / 1000;
    say('import-videos', `${r.videos} videos: ${r.added} frames added, ${r.duplicates} already there, ${r.masks} masks, ${r.issues.length} skipped — ${(r.scanned / Math.max(seconds, 1e-3)).toFixed(1)} frames/s`);
    console.log(table(Object.entries(r.bySplit).map(([split, n]) => ({ split, frames: n }))));
    printSkipped(r.issues);
  });
}
