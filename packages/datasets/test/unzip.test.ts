import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_UNZIP_LIMITS, unzipTo, UnzipError } from '../src/import/unzip.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lae-unzip-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const bytes = (s: string) => new TextEncoder().encode(s);
async function zipFile(entries: Zippable): Promise<string> {
  const file = path.join(dir, `a-${Math.random().toString(36).slice(2)}.zip`);
  await writeFile(file, zipSync(entries));
  return file;
}
async function tree(root: string): Promise<string[]> {
  const out = await readdir(root, { recursive: true, withFileTypes: true });
  return out.filter((d) => d.isFile()).map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/')).sort();
}

describe('unzipTo', () => {
  it('extracts the folder layout as it is, byte for byte', async () => {
    const zip = await zipFile({ real: { 'a.png': bytes('real-a') }, fake: { swap: { 'b.png': bytes('fake-b') } }, 'masks/swap/b.png': bytes('mask-b') });
    const out = path.join(dir, 'out');
    const r = await unzipTo(zip, out);
    expect(await tree(out)).toEqual(['fake/swap/b.png', 'masks/swap/b.png', 'real/a.png']);
    expect(await readFile(path.join(out, 'fake/swap/b.png'), 'utf8')).toBe('fake-b');
    expect(r).toMatchObject({ files: 3, bytes: 18, issues: [] });
  });

  it('refuses an entry that climbs out of the folder, and writes nothing outside it', async () => {
    const zip = await zipFile({ '../escape.txt': bytes('x') });
    await expect(unzipTo(zip, path.join(dir, 'out'))).rejects.toThrow(UnzipError);
    expect(await readdir(dir)).not.toContain('escape.txt');
  });

  it('skips symbolic links and reports them', async () => {
    const link: Zippable = { 'real/link.png': [bytes('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }], 'real/ok.png': bytes('ok') };
    const out = path.join(dir, 'out');
    const r = await unzipTo(await zipFile(link), out);
    expect(await tree(out)).toEqual(['real/ok.png']);
    expect(r.issues).toEqual([{ path: 'real/link.png', code: 'unsafe-path', message: expect.stringContaining('symbolic link') }]);
  });

  it('stops a decompression bomb at the total limit, and reports a file over the per-file limit', async () => {
    const big = new Uint8Array(1_000_000); // zeros: compresses about a thousandfold
    const zip = await zipFile({ 'a.bin': big, 'b.bin': big, 'c.bin': big });
    await expect(unzipTo(zip, path.join(dir, 'bomb'), { ...DEFAULT_UNZIP_LIMITS, maxTotalBytes: 2_500_000 })).rejects.toThrow(/inflates to more than 2500000 bytes/);
    const r = await unzipTo(zip, path.join(dir, 'each'), { ...DEFAULT_UNZIP_LIMITS, maxEntryBytes: 999_999 });
    expect(r.files).toBe(0);
    expect(r.issues.map((i) => i.code)).toEqual(['too-large', 'too-large', 'too-large']);
  });

  it('refuses too many entries before writing, and a file that is not a zip', async () => {
    const zip = await zipFile({ a: bytes('1'), b: bytes('2'), c: bytes('3') });
    await expect(unzipTo(zip, path.join(dir, 'many'), { ...DEFAULT_UNZIP_LIMITS, maxEntries: 2 })).rejects.toThrow(/holds 3 entries; at most 2/);
    await expect(readdir(path.join(dir, 'many'))).rejects.toThrow();
    const notZip = path.join(dir, 'x.zip');
    await writeFile(notZip, 'hello');
    await expect(unzipTo(notZip, path.join(dir, 'y'))).rejects.toThrow(/not a readable zip archive/);
  });
});
