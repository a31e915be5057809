import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { StorageError } from './errors.ts';
import { assertKey, contentKey, shardedPath } from './keys.ts';
import { type BlobStat, type BlobStorage, type ByteRange, type PutResult } from './types.ts';

export interface S3StorageConfig {
  bucket: string;
  /** e.g. `http://127.0.0.1:9000` for MinIO; omit for AWS. */
  endpoint?: string;
  region?: string;
  /** Omit to use the SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Default: true when an endpoint is given (MinIO and most S3-compatibles need path-style URLs). */
  forcePathStyle?: boolean;
  /** Prepended to every object key, e.g. `images/`. */
  prefix?: string;
  /** Inject a client (tests, shared connection pools). */
  client?: S3Client;
}

/** The SDK client options a config produces; separate so the mapping can be tested without a server. */
export function s3ClientOptions(config: S3StorageConfig): S3ClientConfig {
  return {
    region: config.region ?? 'us-east-1',
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  };
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Content-addressed objects in an S3-compatible bucket: `<prefix>ab/cd/<sha256>`. */
export class S3Storage implements BlobStorage {
  readonly kind = 's3' as const;
  readonly bucket: string;
  readonly prefix: string;
  readonly client: S3Client;

  constructor(config: S3StorageConfig) {
    this.bucket = config.bucket;
    this.prefix = config.prefix ?? '';
    this.client = config.client ?? new S3Client(s3ClientOptions(config));
  }

  /** The object key for a content key. */
  objectKey(key: string): string {
    return `${this.prefix}${shardedPath(key)}`;
  }

  putCommand(bytes: Uint8Array, key: string, contentType?: string): PutObjectCommand {
    return new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      Body: bytes,
      ContentLength: bytes.byteLength,
      ...(contentType ? { ContentType: contentType } : {}),
    });
  }

  async put(bytes: Uint8Array, options: { contentType?: string } = {}): Promise<PutResult> {
    const key = contentKey(bytes);
    if (await this.has(key)) return { key, size: bytes.byteLength, created: false };
    // A single PUT is atomic in S3: the object appears whole or not at all.
    await this.client.send(this.putCommand(bytes, key, options.contentType));
    return { key, size: bytes.byteLength, created: true };
  }

  private async getObject(key: string, range?: ByteRange) {
    assertKey(key);
    try {
      return await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {}),
        }),
      );
    } catch (error) {
      if (isMissing(error)) throw new StorageError('not-found', `no object ${key} in bucket ${this.bucket}`);
      throw error;
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const out = await this.getObject(key);
    if (!out.Body) throw new StorageError('io', `empty body for ${key}`);
    return out.Body.transformToByteArray();
  }

  async stream(key: string, range?: ByteRange): Promise<Readable> {
    const out = await this.getObject(key, range);
    const body = out.Body;
    if (body instanceof Readable) return body;
    if (!body) throw new StorageError('io', `empty body for ${key}`);
    return Readable.fromWeb(body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<boolean> {
    // S3 deletes are silent about missing keys; stat first so callers learn whether anything went away.
    if (!(await this.has(key))) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    return true;
  }

  async stat(key: string): Promise<BlobStat | null> {
    assertKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { key, size: head.ContentLength ?? 0, ...(head.LastModified ? { modifiedAt: head.LastModified } : {}) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
}
