import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { backupProject, restoreProject } from '@lae-studio/project-data';
import { fail, say } from '../output.ts';
import { progressBar, table } from '../progress.ts';
import { projectBySlug, withPlatform } from '../with-platform.ts';

/** `lae-studio backup`: one project — images, masks, rounds, tasks, models and artifacts — into a folder. */
export async function backup(o: { project: string; out: string }): Promise<void> {
  const dir = path.resolve(o.out);
  if (existsSync(dir) && readdirSync(dir).length > 0) fail(`${dir} is not empty: back up into a new folder`);
  await withPlatform(async ({ db, storage }) => {
    const project = await projectBySlug(db, o.project);
    let bar: ReturnType<typeof progressBar> | undefined;
    const started = Date.now();
    const m = await backupProject(db, storage, {
      projectId: project.id,
      dir,
      onProgress: (done, total) => {
        bar ??= progressBar('images', total);
        bar.update(done);
      },
    });
    bar?.stop();
    say('backup', `project ${project.slug} → ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s (schema ${m.schema})`);
    console.log(table(Object.entries(m.counts).map(([what, n]) => ({ what, n }))));
  });
}

/** `lae-studio restore <dir>`: a backup back into this installation (same ids), or as a copy (--as <slug>). */
export async function restore(dir: string, o: { as?: string }): Promise<void> {
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, 'backup.json'))) fail(`${root} holds no backup.json (an incomplete or foreign backup)`);
  await withPlatform(async ({ db, storage }) => {
    const started = Date.now();
    const r = await restoreProject(db, storage, { dir: root, ...(o.as ? { asSlug: o.as } : {}) });
    say('restore', `restored project ${r.projectId} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(table(Object.entries(r.counts).map(([what, n]) => ({ what, n }))));
  });
}
