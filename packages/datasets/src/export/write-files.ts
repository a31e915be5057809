import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from '../import/safe-walk.ts';
import { type ExportFile } from './mask-pngs.ts';

/** Writes export files under `dir`, refusing any path that would land outside it. */
export async function writeExportFiles(dir: string, files: readonly ExportFile[]): Promise<void> {
  for (const file of files) {
    const target = resolveInside(dir, file.path);
    if (!target) throw new RangeError(`export path ${JSON.stringify(file.path)} leaves ${dir}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
  }
}
