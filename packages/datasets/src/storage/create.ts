import path from 'node:path';
import { DEFAULT_STORAGE_DIR, readDataEnv, type DataEnv } from '../env.ts';
import { LocalStorage } from './local.ts';
import { S3Storage, type S3StorageConfig } from './s3.ts';
import { type BlobStorage } from './types.ts';

export type StorageConfig = { driver: 'local'; dir?: string } | ({ driver: 's3' } & S3StorageConfig);

/** Maps the validated environment to a storage config (STORAGE_DRIVER, STORAGE_DIR, S3_*). */
export function storageConfigFromEnv(env: DataEnv = readDataEnv()): StorageConfig {
  if (env.STORAGE_DRIVER === 'local') return { driver: 'local', dir: env.STORAGE_DIR ?? DEFAULT_STORAGE_DIR };
  return {
    driver: 's3',
    bucket: env.S3_BUCKET as string, // required by the env schema when the driver is s3
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    region: env.S3_REGION,
    ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } }
      : {}),
    ...(env.S3_FORCE_PATH_STYLE !== undefined ? { forcePathStyle: env.S3_FORCE_PATH_STYLE } : {}),
    ...(env.S3_PREFIX ? { prefix: env.S3_PREFIX } : {}),
  };
}

/** The image store: from an explicit config, or from the environment when none is given. */
export function createStorage(config: StorageConfig = storageConfigFromEnv()): BlobStorage {
  if (config.driver === 'local') return new LocalStorage(config.dir ?? DEFAULT_STORAGE_DIR);
  return new S3Storage(config);
}

/**
 * Where browser uploads (tus) are written and where the worker reads them: `<STORAGE_DIR>/uploads`, beside
 * the blobs, so web and worker share it exactly as they share the images. Null with the S3 driver, which
 * has no shared folder (uploads then need an S3 tus store; not built yet).
 */
export function uploadsDir(config: StorageConfig = storageConfigFromEnv()): string | null {
  return config.driver === 'local' ? path.resolve(config.dir ?? DEFAULT_STORAGE_DIR, 'uploads') : null;
}
