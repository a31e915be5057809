import { decodeMaskPng, masksEqual } from '@lae-studio/mask-codec';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importFaceForensics,
  importFolder,
  MemorySink,
  parseManifestCsv,
  parseManifestJson,
  presetConfig,
  scanFolder,
  videoGroup,
  writeBenchmark,
  type ImportProgress,
} from '../src/index.ts';
import { tempDir } from './helpers.ts';

/** A small PNG whose content depends on `seed`, so every file has its own hash. */
async function png(seed: number, width = 24, height = 24): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 31 + seed * 97 + ((i * seed) % 13)) & 0xff;
  return sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** A gray mask PNG: a soft-edged square (values 0, 90, 200) that binarizes at 128 to the inner part. */
async function softMask(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inner = x >= 6 && x < 14 && y >= 6 && y < 14;
      const edge = x >= 5 && x < 15 && y >= 5 && y < 15;
      raw[y * width + x] = inner ? 200 : edge ? 90 : 0;
    }
  return sharp(raw, { raw: { width, height, channels: 1 } }).png().toBuffer();
}

async function put(root: string, rel: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await writeFile(path.join(root, rel), bytes);
}

describe('folder importer on a generated tree with a corrupt file, a wrong-size mask, a duplicate and an escape', () => {
  let tmp = { dir: '', cleanup: async () => {} };
  let outside = { dir: '', cleanup: async () => {} };
  let root = '';
  const config = presetConfig('all-families', { seed: 21, size: 48, counts: { train: 6, val: 2, test: 4 } });
  beforeAll(async () => {
    tmp = await tempDir();
    outside = await tempDir('lae-outside-');
    root = path.join(tmp.dir, 'set');
    await writeBenchmark(config, root);
    const manifestPath = path.join(root, 'manifest.csv');
    const manifest = await readFile(manifestPath, 'utf8');
    const firstReal = manifest.split('\n').find((l) => l.startsWith('real/'))!.split(',')[0]!;
    const extra = [
      'fake/noise-add/corrupt.png,train,seen,fake,noise-add,',
      'fake/noise-add/odd.png,train,seen,fake,noise-add,masks/noise-add/odd.png',
      'real/copy.png,train,seen,real,,',
      'real/escape.png,train,seen,real,,',
      'real/truncated.jpg,val,seen,real,,',
    ];
    await writeFile(manifestPath, manifest + extra.join('\n') + '\n');
    await put(root, 'fake/noise-add/corrupt.png', 'this is not a png at all');
    await put(root, 'fake/noise-add/odd.png', await png(1, 48, 48));
    await put(root, 'masks/noise-add/odd.png', await softMask(40, 40));
    await copyFile(path.join(root, firstReal), path.join(root, 'real/copy.png'));
    await put(outside.dir, 'secret.png', await png(2));
    await symlink(path.join(outside.dir, 'secret.png'), path.join(root, 'real/escape.png'));
    const jpeg = await sharp(await png(3, 64, 64)).jpeg().toBuffer();
    await put(root, 'real/truncated.jpg', jpeg.subarray(0, jpeg.length >> 1));
    await put(root, 'real/unlisted.png', await png(4));
    await put(root, 'real/notes.txt', 'ignored: not an image extension');
  });
  afterAll(async () => {
    await tmp.cleanup();
    await outside.cleanup();
  });

  it('imports the valid samples, reports and skips the bad ones, and dedupes by content', async () => {
    const sink = new MemorySink();
    const progress: ImportProgress[] = [];
    const report = await importFolder(root, sink, { onProgress: (p) => progress.push(p) });
    const issues = Object.fromEntries(report.issues.map((i) => [i.path, i.code]));
    expect(issues).toEqual({
      'fake/noise-add/corrupt.png': 'not-an-image',
      'fake/noise-add/odd.png': 'mask-size-mismatch',
      'real/escape.png': 'unsafe-path',
      'real/truncated.jpg': 'corrupt-image',
      'real/unlisted.png': 'not-in-manifest',
    });
    expect(report.added).toBe(12);
    expect(report.duplicates).toBe(1); // real/copy.png
    expect(report.masks).toBe(6);
    expect(report.scanned).toBe(16); // 12 generated + corrupt, odd, copy, truncated
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(progress.filter((p) => p.outcome === 'skipped')).toHaveLength(3);
    expect([...sink.samples.values()].some((s) => s.sourceName.includes('secret'))).toBe(false);

    // Splits, novelty and masks are the generator's.
    const { generateBenchmark } = await import('../src/index.ts');
    for await (const record of generateBenchmark(config)) {
      const sample = [...sink.samples.values()].find((s) => s.sourceName.endsWith(`${record.id}.png`));
      expect(sample, record.id).toBeDefined();
      expect([sample!.split, sample!.novelty, sample!.label, sample!.manipulation]).toEqual([record.split, record.novelty, record.label, record.manipulation]);
      expect([sample!.width, sample!.height]).toEqual([48, 48]);
      if (record.mask) expect(masksEqual(sample!.mask!, record.mask)).toBe(true);
      else expect(sample!.mask).toBeNull();
    }

    const again = await importFolder(root, sink);
    expect(again.added).toBe(0);
    expect(again.duplicates).toBe(13);
  });

  it('without a manifest, splits by a seeded ratio per group, stable across runs', async () => {
    const plain = path.join(tmp.dir, 'plain');
    for (let v = 0; v < 12; v++) for (let f = 0; f < 3; f++) await put(plain, `real/video${v}/${f}.png`, await png(v * 10 + f));
    for (let v = 0; v < 12; v++) await put(plain, `fake/swap/video${v}/0.png`, await png(500 + v));
    const a = await scanFolder(plain, { seed: 5, ratios: { train: 0.5, val: 0, test: 0.5 }, novelty: { swap: 'unseen' } });
    const b = await scanFolder(plain, { seed: 5, ratios: { train: 0.5, val: 0, test: 0.5 } });
    expect(a.candidates.map((c) => c.split)).toEqual(b.candidates.map((c) => c.split));
    const byGroup = new Map<string, Set<string>>();
    for (const c of a.candidates) byGroup.set(c.group, (byGroup.get(c.group) ?? new Set()).add(c.split));
    expect(byGroup.size).toBe(12);
    for (const splits of byGroup.values()) expect(splits.size).toBe(1); // real and fake frames of a video together
    const splits = [...byGroup.values()].map((s) => [...s][0]);
    expect(splits).toContain('train');
    expect(splits).toContain('test');
    expect(splits).not.toContain('val');
    expect(a.candidates.filter((c) => c.label === 'fake').every((c) => c.novelty === 'unseen')).toBe(true);
    const other = await scanFolder(plain, { seed: 6, ratios: { train: 0.5, val: 0, test: 0.5 } });
    expect(other.candidates.map((c) => c.split)).not.toEqual(a.candidates.map((c) => c.split));
  });
});

describe('FaceForensics++ importer', () => {
  let tmp = { dir: '', cleanup: async () => {} };
  beforeAll(async () => {
    tmp = await tempDir();
    const root = tmp.dir;
    let n = 0;
    for (const video of ['000', '001', '002', '003', '004', '005'])
      for (let f = 0; f < 4; f++) await put(root, `original_sequences/youtube/c23/images/${video}/${String(f).padStart(4, '0')}.png`, await png(n++));
    for (const [method, videos] of [
      ['Deepfakes', ['000_003', '001_004', '002_005']],
      ['FaceSwap', ['003_000', '004_001']],
    ] as const)
      for (const video of videos)
        for (let f = 0; f < 4; f++) {
          const frame = String(f).padStart(4, '0');
          await put(root, `manipulated_sequences/${method}/c23/images/${video}/${frame}.png`, await png(n++));
          if (method === 'Deepfakes') await put(root, `manipulated_sequences/${method}/masks/images/${video}/${frame}.png`, await softMask(24, 24));
        }
    await put(root, 'manipulated_sequences/Deepfakes/c40/images/000_003/0000.png', await png(999)); // other compression: ignored
    await put(root, 'manipulated_sequences/Deepfakes/masks/images/001_004/0003.png', await softMask(20, 20)); // overwrite: wrong size
  });
  afterAll(() => tmp.cleanup());

  it('imports frames and binarized masks, split by video group', async () => {
    const sink = new MemorySink();
    const report = await importFaceForensics(tmp.dir, sink, { seed: 1, novelty: { FaceSwap: 'unseen' } });
    expect(report.scanned).toBe(24 + 20);
    expect(report.added).toBe(43);
    expect(report.issues.map((i) => [i.path, i.code])).toEqual([['manipulated_sequences/Deepfakes/c23/images/001_004/0003.png', 'mask-size-mismatch']]);
    const samples = [...sink.samples.values()];
    expect(samples.filter((s) => s.label === 'real')).toHaveLength(24);
    expect(samples.filter((s) => s.manipulation === 'FaceSwap').every((s) => s.novelty === 'unseen' && s.mask === null)).toBe(true);
    const deepfakes = samples.filter((s) => s.manipulation === 'Deepfakes');
    expect(deepfakes).toHaveLength(11);
    for (const s of deepfakes) {
      expect(s.mask).not.toBeNull();
      // 200 → 1, 90 → 0: the 8×8 inner square
      expect(s.mask!.data.reduce((a, v) => a + v, 0)).toBe(64);
      expect(s.novelty).toBe('seen');
    }
    // Frames of one video, and fakes made from it, never cross splits.
    const splitOf = new Map<string, string>();
    for (const s of samples) {
      const seen = splitOf.get(s.group);
      if (seen) expect(s.split).toBe(seen);
      splitOf.set(s.group, s.split);
    }
    expect(videoGroup('000_003')).toBe('000');
    expect(videoGroup('01_02__walking__ABC')).toBe('01');
  });

  it('limits frames per video, filters methods and honours fixed group splits', async () => {
    const sink = new MemorySink();
    const report = await importFaceForensics(tmp.dir, sink, {
      methods: ['FaceSwap'],
      framesPerVideo: 2,
      groupSplits: { '000': 'test', '003': 'val' },
    });
    expect(report.added).toBe(6 * 2 + 2 * 2);
    const samples = [...sink.samples.values()];
    expect(samples.every((s) => s.manipulation === null || s.manipulation === 'FaceSwap')).toBe(true);
    expect(samples.filter((s) => s.group === '000').every((s) => s.split === 'test')).toBe(true);
    expect(samples.filter((s) => s.group === '003').every((s) => s.split === 'val')).toBe(true);
    expect(samples.filter((s) => s.sourceName.includes('/000/')).map((s) => path.basename(s.sourceName))).toEqual(['0000.png', '0002.png']);
  });
});

describe('manifests', () => {
  it('parses CSV with quotes and JSON, and rejects bad rows and escapes', () => {
    const csv = parseManifestCsv('path,split,novelty,group\n"real/a,b.png",train,,g1\n./fake/x/1.png,test,unseen,\nreal/c.png,nope,,\n../etc/passwd,train,,\n');
    expect(csv.entries.get('real/a,b.png')).toEqual({ split: 'train', group: 'g1' });
    expect(csv.entries.get('fake/x/1.png')).toEqual({ split: 'test', novelty: 'unseen' });
    expect(csv.issues.map((i) => i.code)).toEqual(['bad-manifest', 'unsafe-path']);
    expect(parseManifestCsv('file,whatever\n').issues[0]!.message).toMatch(/path and split/);
    const json = parseManifestJson(JSON.stringify({ samples: [{ path: 'real/a.png', split: 'val' }, { path: 'x' }] }));
    expect(json.entries.get('real/a.png')).toEqual({ split: 'val' });
    expect(json.issues).toHaveLength(1);
    expect(parseManifestJson('{').issues[0]!.code).toBe('bad-manifest');
  });

  it('decodes the generator masks the importer relies on', async () => {
    const tmp = await tempDir();
    try {
      const config = presetConfig('inpainting', { seed: 2, size: 40, counts: { train: 2, val: 0, test: 0 } });
      const summary = await writeBenchmark(config, tmp.dir);
      const maskFile = summary.files.find((f) => f.startsWith('masks/'))!;
      const mask = decodeMaskPng(new Uint8Array(await readFile(path.join(tmp.dir, maskFile))));
      expect([mask.width, mask.height]).toEqual([40, 40]);
    } finally {
      await tmp.cleanup();
    }
  });
});
