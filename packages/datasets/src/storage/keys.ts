import { createHash } from 'node:crypto';
import { StorageError } from './errors.ts';

const KEY_PATTERN = /^[0-9a-f]{64}$/;

/** sha256 hex of the bytes: the content address every storage driver and the importers agree on. */
export function contentKey(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Refuses anything but a lowercase sha256 hex string, so a key can never name a path outside the store. */
export function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new StorageError('invalid-key', `storage key must be 64 lowercase hex chars, got ${JSON.stringify(key)}`);
}

/** `ab/cd/abcd…`: two levels of fan-out keep directories (and S3 listings) small. */
export function shardedPath(key: string): string {
  assertKey(key);
  return `${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
}
