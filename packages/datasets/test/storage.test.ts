import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentKey,
  createStorage,
  LocalStorage,
  readDataEnv,
  S3Storage,
  s3ClientOptions,
  StorageError,
  storageConfigFromEnv,
  type BlobStorage,
} from '../src/index.ts';
import { tempDir } from './helpers.ts';

const hello = new TextEncoder().encode('hello, forged world');
const helloKey = contentKey(hello);

function behavesAsContentStore(make: () => BlobStorage) {
  it('round-trips bytes under their sha256, idempotently', async () => {
    const store = make();
    const first = await store.put(hello);
    expect(first).toEqual({ key: helloKey, size: hello.length, created: true });
    expect(await store.put(hello)).toEqual({ key: helloKey, size: hello.length, created: false });
    expect(Buffer.from(await store.get(helloKey)).toString()).toBe('hello, forged world');
    expect(await store.has(helloKey)).toBe(true);
    expect((await store.stat(helloKey))?.size).toBe(hello.length);
  });

  it('streams whole objects and byte ranges', async () => {
    const store = make();
    await store.put(hello);
    expect(await text(await store.stream(helloKey))).toBe('hello, forged world');
    expect(await text(await store.stream(helloKey, { start: 7, end: 12 }))).toBe('forged');
    const web = Readable.toWeb(await store.stream(helloKey));
    expect(await new Response(web as ReadableStream).text()).toBe('hello, forged world');
  });

  it('reports missing keys and deletes', async () => {
    const store = make();
    const missing = contentKey(new TextEncoder().encode('never stored'));
    expect(await store.has(missing)).toBe(false);
    expect(await store.stat(missing)).toBeNull();
    await expect(store.get(missing)).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.stream(missing)).rejects.toBeInstanceOf(StorageError);
    await store.put(hello);
    expect(await store.delete(helloKey)).toBe(true);
    expect(await store.delete(helloKey)).toBe(false);
    expect(await store.has(helloKey)).toBe(false);
  });

  it('refuses keys that are not sha256 hex (no path games)', async () => {
    const store = make();
    for (const key of ['../../etc/passwd', 'ABC', helloKey.toUpperCase(), `${helloKey}/x`]) {
      await expect(store.get(key)).rejects.toMatchObject({ code: 'invalid-key' });
    }
  });
}

it('keys are the sha256 hex of the content', () => {
  expect(contentKey(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

describe('LocalStorage', () => {
  let dir = '';
  let cleanup = async () => {};
  beforeAll(async () => ({ dir, cleanup } = await tempDir()));
  afterAll(() => cleanup());
  let n = 0;
  behavesAsContentStore(() => new LocalStorage(path.join(dir, `store-${n++}`)));

  it('shards files, leaves no temp files behind, and survives concurrent puts of the same bytes', async () => {
    const root = path.join(dir, 'sharded');
    const store = new LocalStorage(root);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(hello)));
    expect(results.every((r) => r.key === helloKey)).toBe(true);
    const files = await readdir(path.join(root, helloKey.slice(0, 2), helloKey.slice(2, 4)));
    expect(files).toEqual([helloKey]);
  });
});

describe('S3Storage against s3rver (an S3-compatible server on loopback)', () => {
  let server: S3rver;
  let endpoint = '';
  let cleanup = async () => {};
  beforeAll(async () => {
    const tmp = await tempDir('lae-s3-');
    cleanup = tmp.cleanup;
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: tmp.dir, configureBuckets: [{ name: 'lae', configs: [] }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.close();
    await cleanup();
  });
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  let n = 0;
  behavesAsContentStore(() => new S3Storage({ bucket: 'lae', endpoint, credentials, prefix: `run-${n++}/` }));

  it('stores under <prefix>ab/cd/<sha256> with the content type', async () => {
    const store = new S3Storage({ bucket: 'lae', endpoint, credentials, prefix: 'images/' });
    await store.put(hello, { contentType: 'image/png' });
    const client = new S3Client(s3ClientOptions({ bucket: 'lae', endpoint, credentials }));
    const out = await client.send(new GetObjectCommand({ Bucket: 'lae', Key: `images/${helloKey.slice(0, 2)}/${helloKey.slice(2, 4)}/${helloKey}` }));
    expect(out.ContentType).toBe('image/png');
    expect(await out.Body?.transformToString()).toBe('hello, forged world');
  });
});

describe('storage configuration', () => {
  it('defaults to local storage under .data/storage at the repo root', () => {
    const config = storageConfigFromEnv(readDataEnv({}));
    expect(config.driver).toBe('local');
    expect(config.driver === 'local' && config.dir?.endsWith(path.join('.data', 'storage'))).toBe(true);
    expect(createStorage({ driver: 'local', dir: '/tmp/x' }).kind).toBe('local');
  });

  it('builds a MinIO-friendly S3 config from the environment', () => {
    const env = readDataEnv({
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'lae',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio123',
      S3_PREFIX: 'img/',
    });
    const config = storageConfigFromEnv(env);
    expect(config).toMatchObject({ driver: 's3', bucket: 'lae', endpoint: 'http://127.0.0.1:9000', prefix: 'img/' });
    const options = s3ClientOptions(config as Extract<typeof config, { driver: 's3' }>);
    expect(options).toMatchObject({ forcePathStyle: true, region: 'us-east-1', endpoint: 'http://127.0.0.1:9000' });
    expect(s3ClientOptions({ bucket: 'b' }).forcePathStyle).toBe(false); // plain AWS: virtual-hosted style
    expect(createStorage(config).kind).toBe('s3');
  });

  it('names each bad variable', () => {
    expect(() => readDataEnv({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET/);
    expect(() => readDataEnv({ STORAGE_DRIVER: 'ftp' })).toThrow(/STORAGE_DRIVER/);
    expect(() => readDataEnv({ S3_ACCESS_KEY_ID: 'x' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => readDataEnv({ IMAGE_MAX_PIXELS: '-3' })).toThrow(/IMAGE_MAX_PIXELS/);
  });
});
