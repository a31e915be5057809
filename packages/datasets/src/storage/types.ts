import { type Readable } from 'node:stream';

/** What a stored object is: its content-addressed key (sha256 hex of the bytes) and size. */
export interface BlobStat {
  key: string;
  size: number;
  modifiedAt?: Date;
}

export interface PutResult {
  key: string;
  size: number;
  /** False when the same bytes were already stored (content addressing makes put idempotent). */
  created: boolean;
}

/** Inclusive byte range, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end?: number;
}

/** Where image originals live. Keys are sha256 hex strings of the content, so equal bytes share one object. */
export interface BlobStorage {
  readonly kind: 'local' | 's3';
  put(bytes: Uint8Array, options?: { contentType?: string }): Promise<PutResult>;
  /** Throws StorageError('not-found') when absent. */
  get(key: string): Promise<Uint8Array>;
  /** A Node stream of the object (or a byte range of it); use `Readable.toWeb` for a web Response. */
  stream(key: string, range?: ByteRange): Promise<Readable>;
  has(key: string): Promise<boolean>;
  /** Returns whether something was deleted. */
  delete(key: string): Promise<boolean>;
  /** Null when absent. */
  stat(key: string): Promise<BlobStat | null>;
}
