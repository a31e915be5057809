import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// The only place in this package that reads process.env: every variable it understands is declared here.

/** The repository root, found from this file's location (packages/datasets/src/env.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_STORAGE_DIR = path.join(REPO_ROOT, '.data', 'storage');

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const dataEnvSchema = z
  .object({
    /** `local` (default): files under STORAGE_DIR. `s3`: an S3-compatible bucket (AWS, MinIO). */
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    /** Local storage directory; default `.data/storage` at the repository root. */
    STORAGE_DIR: optionalString,
    S3_ENDPOINT: optionalString.pipe(z.url().optional()),
    S3_BUCKET: optionalString,
    S3_REGION: optionalString.default('us-east-1'),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /** Key prefix inside the bucket, e.g. `images/`. */
    S3_PREFIX: optionalString,
    /** Path-style URLs (`endpoint/bucket/key`); MinIO needs them. Default true when S3_ENDPOINT is set. */
    S3_FORCE_PATH_STYLE: booleanString,
    /** Largest accepted image file. Default 32 MiB. */
    IMAGE_MAX_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
    /** Largest accepted width × height (decompression bombs are refused from the header). Default 40 MP. */
    IMAGE_MAX_PIXELS: z.coerce.number().int().positive().default(40_000_000),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE_DRIVER === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'S3_BUCKET is required when STORAGE_DRIVER=s3' });
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['S3_SECRET_ACCESS_KEY'], message: 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither' });
    }
  });

export type DataEnv = z.infer<typeof dataEnvSchema>;

/** Parses and validates the data package's configuration; throws a readable error naming each bad variable. */
export function readDataEnv(source: Record<string, string | undefined> = process.env): DataEnv {
  const parsed = dataEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid data configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
