import 'server-only';
import { createStorage, type BlobStorage } from '@lae-studio/datasets';

let storage: BlobStorage | undefined;

/** The image store configured by STORAGE_DRIVER / STORAGE_DIR / S3_* (packages/datasets reads them). */
export function imageStorage(): BlobStorage {
  storage ??= createStorage();
  return storage;
}

/** Content type from the file's magic bytes (stored keys are content hashes, without an extension). */
export function sniffImageType(bytes: Uint8Array): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}
