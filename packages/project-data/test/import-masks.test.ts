import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStorage, readMaskSource, toLabelStudioRle, writeExportFiles, type MaskFormat } from '@lae-studio/datasets';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { createMask, encodeCompressedRle, encodeMaskPng, masksEqual, type BinaryMask } from '@lae-studio/mask-codec';
import { decodeStoredMask, exportProjectMasks, generateIntoProject, importMasksIntoProject } from '../src/index.ts';

let t: TestDatabase;
let dir: string;
let storage: LocalStorage;
const overrides = { seed: 21, size: 40, counts: { train: 12, val: 2, test: 4 } };

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'lae-mask-import-'));
  storage = new LocalStorage(path.join(dir, 'storage'));
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

async function generatedProject(slug: string) {
  const p = await t.db.project.create({ data: { name: slug, slug, imageSize: 64 } });
  await generateIntoProject(t.db, storage, { projectId: p.id, preset: 'inpainting', overrides });
  return p;
}

/** sourceName → latest mask of the given role. */
async function masksByName(projectId: string, reference: boolean): Promise<Map<string, BinaryMask>> {
  const samples = await t.db.sample.findMany({ where: { projectId }, include: { masks: { where: { reference }, orderBy: { version: 'desc' }, take: 1 } } });
  return new Map(samples.filter((s) => s.masks[0]).map((s) => [s.sourceName!, decodeStoredMask(s.masks[0]!)]));
}

describe('mask import round trip (export → import gives identical masks)', () => {
  const exports: [string, MaskFormat, string][] = [
    ['coco', 'coco', 'coco.json'],
    ['label-studio', 'label-studio', 'label-studio.json'],
    ['png', 'png-folder', '.'],
  ];
  for (const [exportFormat, importFormat, file] of exports) {
    it(`${exportFormat}: every reference mask of one project lands, pixel for pixel, as a training mask of its twin, once`, async () => {
      const a = await generatedProject(`src-${exportFormat}`);
      const b = await generatedProject(`dst-${exportFormat}`);
      const out = path.join(dir, `export-${exportFormat}`);
      const { files, masks } = await exportProjectMasks(t.db, { projectId: a.id, format: exportFormat as 'coco', reference: true });
      await writeExportFiles(out, files);
      expect(masks).toBeGreaterThan(4);

      const source = await readMaskSource(path.join(out, file), importFormat);
      const report = await importMasksIntoProject(t.db, { projectId: b.id, masks: source, masksAs: 'training' });
      expect(report).toMatchObject({ found: masks, added: masks, duplicates: 0, issues: [] });

      const expected = await masksByName(a.id, true);
      const imported = await masksByName(b.id, false);
      expect([...imported.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [name, mask] of expected) expect(masksEqual(imported.get(name)!, mask), name).toBe(true);
      const rows = await t.db.mask.findMany({ where: { sample: { projectId: b.id }, reference: false } });
      expect(rows.every((m) => m.source === 'import' && m.review === 'accepted')).toBe(true);

      // A retried job (or the same file again) stores nothing new.
      const again = await importMasksIntoProject(t.db, { projectId: b.id, masks: await readMaskSource(path.join(out, file), importFormat), masksAs: 'training' });
      expect(again).toMatchObject({ added: 0, duplicates: masks });
      expect(await t.db.mask.count({ where: { sample: { projectId: b.id }, reference: false } })).toBe(masks);
    }, 60_000);
  }

  it('COCO exports carry a real date and file names with their extension', async () => {
    const p = await t.db.project.findUniqueOrThrow({ where: { slug: 'src-coco' } });
    const { files } = await exportProjectMasks(t.db, { projectId: p.id, format: 'coco', reference: true });
    const coco = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as { info: { date_created: string }; images: { file_name: string }[] };
    expect(new Date(coco.info.date_created).getFullYear()).toBeGreaterThanOrEqual(2026);
    expect(coco.images.every((i) => /^fake\/[a-z-]+\/[\w-]+\.png$/.test(i.file_name))).toBe(true);
  });

  it('COCO dates the export at the time given, and names images that have no file name with their stored extension', async () => {
    const p = await t.db.project.findUniqueOrThrow({ where: { slug: 'src-coco' } });
    const [a, b] = await t.db.sample.findMany({ where: { projectId: p.id, label: 'fake', masks: { some: { reference: true } } }, orderBy: { id: 'asc' }, take: 2 });
    await t.db.sample.update({ where: { id: a!.id }, data: { sourceName: null } });
    await t.db.sample.update({ where: { id: b!.id }, data: { sourceName: 'legacy/generated-7' } });
    const exportedAt = new Date('2026-12-02T10:11:12.000Z');
    const { files } = await exportProjectMasks(t.db, { projectId: p.id, format: 'coco', reference: true, exportedAt, storage });
    const coco = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as { info: { date_created: string }; images: { file_name: string }[] };
    expect(coco.info.date_created).toBe(exportedAt.toISOString());
    const names = coco.images.map((i) => i.file_name);
    expect(names).toContain(`${a!.id}.png`);
    expect(names).toContain('legacy/generated-7.png');
    expect(names.every((n) => n.endsWith('.png'))).toBe(true);
  });
});

describe('mask import of files made elsewhere', () => {
  let projectId: string;
  let fakes: { sourceName: string; width: number; height: number }[];
  let realName: string;
  beforeAll(async () => {
    const p = await t.db.project.create({ data: { name: 'other tools', slug: 'other-tools', imageSize: 64 } });
    projectId = p.id;
    await generateIntoProject(t.db, storage, { projectId, preset: 'inpainting', overrides: { ...overrides, seed: 22 } });
    fakes = (await t.db.sample.findMany({ where: { projectId, label: 'fake' }, orderBy: { sourceName: 'asc' } })).map((s) => ({ sourceName: s.sourceName!, width: s.width, height: s.height }));
    realName = (await t.db.sample.findFirstOrThrow({ where: { projectId, label: 'real' } })).sourceName!;
  }, 60_000);

  it('COCO polygons are rasterized by pixel centre; bad rows are reported, the rest imported', async () => {
    const [f0, f1, f2] = fakes;
    const rle = (m: BinaryMask) => encodeCompressedRle(m);
    const coco = {
      images: [
        { id: 1, file_name: path.posix.basename(f0!.sourceName), width: f0!.width, height: f0!.height },
        { id: 2, file_name: f1!.sourceName, width: 10, height: 10 },
        { id: 3, file_name: 'nowhere/missing.png', width: 40, height: 40 },
        { id: 4, file_name: realName, width: 40, height: 40 },
        { id: 5, file_name: f2!.sourceName, width: f2!.width, height: f2!.height },
        { id: 6, file_name: 'x.png' },
      ],
      annotations: [
        { image_id: 1, category_id: 1, segmentation: [[2, 3, 12, 3, 12, 8, 2, 8]] },
        { image_id: 1, category_id: 1, segmentation: [[20, 20, 24, 20, 24, 22, 20, 22]] },
        { image_id: 2, category_id: 1, segmentation: rle(createMask(10, 10)) },
        { image_id: 3, category_id: 1, segmentation: [[0, 0, 5, 0, 5, 5]] },
        { image_id: 4, category_id: 1, segmentation: [[0, 0, 5, 0, 5, 5]] },
        { image_id: 5, category_id: 1, segmentation: { size: [f2!.height, f2!.width], counts: [f2!.width * f2!.height] } },
        { image_id: 99, category_id: 1, segmentation: [[0, 0, 1, 1, 1, 0]] },
      ],
      categories: [{ id: 1, name: 'forgery' }],
    };
    const file = path.join(dir, 'tool.coco.json');
    await writeFile(file, JSON.stringify(coco));
    const report = await importMasksIntoProject(t.db, { projectId, masks: await readMaskSource(file, 'coco'), masksAs: 'reference' });
    expect(report.added).toBe(1);
    const codes = Object.fromEntries(report.issues.map((i) => [i.path.replace(/^.*#/, ''), i.code]));
    expect(codes).toMatchObject({ 'images[5]': 'bad-annotation', 'annotations[6]': 'bad-annotation', 'image 2': 'mask-size-mismatch', 'image 3': 'no-matching-sample', 'image 4': 'real-sample', 'image 5': 'empty-mask' });

    const expected = createMask(f0!.width, f0!.height);
    for (let y = 3; y < 8; y++) for (let x = 2; x < 12; x++) expected.data[y * f0!.width + x] = 1;
    for (let y = 20; y < 22; y++) for (let x = 20; x < 24; x++) expected.data[y * f0!.width + x] = 1;
    const stored = (await masksByName(projectId, true)).get(f0!.sourceName)!;
    // The generator's own ground truth is version 1; the import is the newest reference version.
    expect(masksEqual(stored, expected)).toBe(true);
  });

  it('Label Studio: upload-prefixed names match; a hostile RLE header is refused before decoding', async () => {
    const f = fakes[3]!;
    const mask = createMask(f.width, f.height);
    mask.data.fill(1, 0, f.width * 4);
    const brush = (rle: number[]) => ({ type: 'brushlabels', original_width: f.width, original_height: f.height, value: { format: 'rle', rle, brushlabels: ['forgery'] } });
    const tasks = [
      { id: 1, data: { image: `/data/upload/7/0a1b2c3d-${path.posix.basename(f.sourceName)}` }, annotations: [{ result: [brush(toLabelStudioRle(mask))] }] },
      { id: 2, data: { image: `/data/local-files/?d=${encodeURIComponent(fakes[4]!.sourceName)}` }, annotations: [{ result: [brush([255, 255, 255, 255, 0, 1, 2])] }] },
      { id: 3, data: { image: fakes[5]!.sourceName }, annotations: [{ result: [{ type: 'rectanglelabels', value: { x: 1 } }] }] },
      { id: 4, data: { image: fakes[5]!.sourceName }, annotations: [{ was_cancelled: true, result: [brush(toLabelStudioRle(mask))] }] },
    ];
    const file = path.join(dir, 'tool.ls.json');
    await writeFile(file, JSON.stringify(tasks));
    const report = await importMasksIntoProject(t.db, { projectId, masks: await readMaskSource(file, 'label-studio'), masksAs: 'training' });
    expect(report.added).toBe(1);
    expect(report.issues.map((i) => [i.path.replace(/^.*#/, ''), i.code])).toEqual([
      ['task 3', 'unsupported-region'],
      ['task 4', 'empty-mask'],
      ['task 2', 'bad-annotation'],
    ]);
    expect(report.issues[2]!.message).toMatch(/declares 4294967295 values/);
    expect(masksEqual((await masksByName(projectId, false)).get(f.sourceName)!, mask)).toBe(true);
  });

  it('PNG folders: names shared by two samples are ambiguous; symlinks out of the folder and oversize files are refused', async () => {
    // Two samples whose base names collide (frames of two videos).
    for (const name of ['a/0000', 'b/0000', 'big']) {
      await t.db.sample.create({ data: { projectId, storageKey: `k-${name}`, contentHash: `h-${name}`, width: 8, height: 8, label: 'fake', manipulation: 'm', split: 'train', sourceName: `fake/m/${name}.png` } });
    }
    const folder = path.join(dir, 'png-masks');
    await mkdir(path.join(folder, 'b'), { recursive: true });
    const m = createMask(8, 8);
    m.data[9] = 1;
    await writeFile(path.join(folder, '0000.png'), encodeMaskPng(m));
    await writeFile(path.join(folder, 'b', '0000.png'), encodeMaskPng(m));
    await writeFile(path.join(folder, 'big.png'), Buffer.alloc(5000));
    await symlink('/etc/hostname', path.join(folder, 'escape.png'));
    const report = await importMasksIntoProject(t.db, { projectId, masks: await readMaskSource(folder, 'png-folder', { limits: { maxBytes: 4000 } }), masksAs: 'training' });
    expect(report.added).toBe(1);
    expect(Object.fromEntries(report.issues.map((i) => [i.path, i.code]))).toEqual({ 'escape.png': 'unsafe-path', '0000.png': 'ambiguous-match', 'big.png': 'too-large' });
    const b = await t.db.sample.findFirstOrThrow({ where: { projectId, sourceName: 'fake/m/b/0000.png' }, include: { masks: true } });
    expect(b.masks).toHaveLength(1);
    expect(masksEqual(decodeStoredMask(b.masks[0]!), m)).toBe(true);
  });
});
