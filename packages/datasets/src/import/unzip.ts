import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { type ImportIssue } from './types.ts';

export interface UnzipLimits {
  /** Entries (files and folders) in one archive. */
  maxEntries: number;
  /** Uncompressed bytes of all files together: a decompression bomb stops here. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one file. */
  maxEntryBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = { maxEntries: 200_000, maxTotalBytes: 64 * 1024 ** 3, maxEntryBytes: 4 * 1024 ** 3 };

export class UnzipError extends Error {
  override name = 'UnzipError';
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Whether the entry was stored as a Unix symlink (its data is the link target): never materialised. */
function isSymlink(entry: Entry): boolean {
  return ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

/**
 * Extract a zip into `dest` (created; must not hold anything else) with yauzl, which refuses absolute and
 * `..` entry names and checks that each entry's declared size is what inflates. Symlinks and oversized files
 * are skipped and reported; an archive with too many entries is refused before anything is written, and one
 * whose files add up past `maxTotalBytes` stops there (a decompression bomb fills no disk).
 */
export async function unzipTo(zipPath: string, dest: string, limits: UnzipLimits = DEFAULT_UNZIP_LIMITS, onProgress?: (done: number, total: number) => void): Promise<{ files: number; bytes: number; issues: ImportIssue[] }> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  } catch (err) {
    throw new UnzipError(`not a readable zip archive: ${(err as Error).message}`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) throw new UnzipError(`the archive holds ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted`);
    await fs.mkdir(dest, { recursive: true });
    const issues: ImportIssue[] = [];
    let files = 0;
    let bytes = 0;
    let done = 0;
    const entries = iterate(zip);
    for await (const entry of entries) {
      done++;
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      if (isSymlink(entry)) {
        issues.push({ path: name, code: 'unsafe-path', message: 'a symbolic link in the archive; links are not followed' });
        continue;
      }
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        issues.push({ path: name, code: 'too-large', message: `${entry.uncompressedSize} bytes uncompressed; at most ${limits.maxEntryBytes} per file` });
        continue;
      }
      bytes += entry.uncompressedSize;
      if (bytes > limits.maxTotalBytes) throw new UnzipError(`the archive inflates to more than ${limits.maxTotalBytes} bytes`);
      const target = path.join(dest, ...name.split('/'));
      await fs.mkdir(path.dirname(target), { recursive: true });
      // validateEntrySizes makes the stream fail when an entry inflates past the size it declares.
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target, { flags: 'wx' }));
      files++;
      if (done % 50 === 0) onProgress?.(done, zip.entryCount);
    }
    onProgress?.(zip.entryCount, zip.entryCount);
    return { files, bytes, issues };
  } catch (err) {
    if (err instanceof UnzipError) throw err;
    throw new UnzipError(`the archive could not be extracted: ${(err as Error).message}`);
  } finally {
    if (zip.isOpen) zip.close();
  }
}

/** yauzl's lazy entry events as an async iterator (one entry at a time, so extraction applies back-pressure). */
async function* iterate(zip: ZipFile): AsyncGenerator<Entry> {
  while (true) {
    const next = await new Promise<Entry | null>((resolve, reject) => {
      const onEntry = (e: Entry) => (cleanup(), resolve(e));
      const onEnd = () => (cleanup(), resolve(null));
      const onError = (e: Error) => (cleanup(), reject(e));
      const cleanup = () => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
    if (!next) return;
    yield next;
  }
}
