import path from 'node:path';
import { writeExportFiles } from '@lae-studio/datasets';
import { exportProjectMasks, type ExportFormat } from '@lae-studio/project-data';
import { fail, say } from '../output.ts';
import { projectBySlug, withPlatform } from '../with-platform.ts';

/** `lae-studio export`: a project's masks as PNG files + manifest, COCO JSON (RLE) or Label Studio tasks. */
export async function exportMasks(o: { project: string; format: string; out: string; reference?: boolean }): Promise<void> {
  if (!['png', 'coco', 'label-studio'].includes(o.format)) fail('--format must be png, coco or label-studio');
  await withPlatform(async ({ db }) => {
    const project = await projectBySlug(db, o.project);
    const { files, masks } = await exportProjectMasks(db, { projectId: project.id, format: o.format as ExportFormat, reference: o.reference ?? false });
    const dir = path.resolve(o.out);
    await writeExportFiles(dir, files);
    const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
    say('export', `${masks} masks → ${files.length} file(s), ${(bytes / 1024).toFixed(1)} KiB in ${dir}`);
  });
}
