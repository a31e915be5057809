import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';

/**
 * Every file under a folder as a zip, with POSIX paths relative to it: what an admin's zip of the folder layout
 * holds, for the tests and benchmarks of uploads. `level` 0 stores (PNGs do not compress further).
 */
export async function zipFolder(dir: string, options: { level?: 0 | 6 } = {}): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const d of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (d.isFile()) entries[path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/')] = await readFile(path.join(d.parentPath, d.name));
  }
  return zipSync(entries, { level: options.level ?? 6 });
}
