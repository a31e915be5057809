export { DEFAULT_STORAGE_DIR, readDataEnv, REPO_ROOT, type DataEnv } from './env.ts';

export type { BlobStat, BlobStorage, ByteRange, PutResult } from './storage/types.ts';
export { StorageError, type StorageErrorCode } from './storage/errors.ts';
export { assertKey, contentKey, shardedPath } from './storage/keys.ts';
export { LocalStorage } from './storage/local.ts';
export { S3Storage, s3ClientOptions, type S3StorageConfig } from './storage/s3.ts';
export { createStorage, storageConfigFromEnv, uploadsDir, type StorageConfig } from './storage/create.ts';

export { ImageError, type ImageErrorCode } from './images/errors.ts';
export { DEFAULT_IMAGE_LIMITS, imageLimitsFromEnv, type ImageLimits } from './images/limits.ts';
export { CONTENT_TYPES, probeImage, SUPPORTED_FORMATS, type ImageFormat, type ImageInfo } from './images/probe.ts';
export { decodeImage, type DecodedImage, type DecodeOptions } from './images/decode.ts';
export {
  toModelInput,
  toModelInputUint8,
  uint8ToFloat,
  type ModelInputFloat,
  type ModelInputOptions,
  type ModelInputUint8,
} from './images/model-input.ts';

export * from './synthetic/index.ts';
export * from './import/index.ts';
export * from './export/index.ts';
export * from './video/index.ts';
