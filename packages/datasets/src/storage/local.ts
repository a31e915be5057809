import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type Readable } from 'node:stream';
import { StorageError } from './errors.ts';
import { assertKey, contentKey, shardedPath } from './keys.ts';
import { type BlobStat, type BlobStorage, type ByteRange, type PutResult } from './types.ts';

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** Content-addressed files under one directory: `<dir>/ab/cd/<sha256>`. */
export class LocalStorage implements BlobStorage {
  readonly kind = 'local' as const;
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  private pathOf(key: string): string {
    return path.join(this.dir, shardedPath(key));
  }

  async put(bytes: Uint8Array): Promise<PutResult> {
    const key = contentKey(bytes);
    const target = this.pathOf(key);
    if (await this.has(key)) return { key, size: bytes.byteLength, created: false };
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write beside the target and rename: readers never see a half-written file, and a crash leaves only a
    // stray temp file. The temp name is random so concurrent writers of the same bytes do not collide.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await fs.open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw new StorageError('io', `could not store ${key}: ${(error as Error).message}`, { cause: error });
    }
    return { key, size: bytes.byteLength, created: true };
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await fs.readFile(this.pathOf(key)));
    } catch (error) {
      if (isNotFound(error)) throw new StorageError('not-found', `no object ${key} in ${this.dir}`);
      throw error;
    }
  }

  async stream(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    const stat = await this.stat(key);
    if (!stat) throw new StorageError('not-found', `no object ${key} in ${this.dir}`);
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<boolean> {
    try {
      await fs.unlink(this.pathOf(key));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async stat(key: string): Promise<BlobStat | null> {
    assertKey(key);
    try {
      const s = await fs.stat(this.pathOf(key));
      return { key, size: s.size, modifiedAt: s.mtime };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
