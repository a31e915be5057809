import { appendFile, mkdtemp, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFolder, LocalStorage, presetConfig, writeBenchmark } from '@lae-studio/datasets';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { decodeRle, masksEqual } from '@lae-studio/mask-codec';
import { decodeStoredMask, exportProjectMasks, generateIntoProject, projectSink } from '../src/index.ts';

let t: TestDatabase;
let dir: string;
let storage: LocalStorage;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), 'lae-ingest-'));
  storage = new LocalStorage(path.join(dir, 'storage'));
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

const project = (slug: string) => t.db.project.create({ data: { name: slug, slug, imageSize: 64 } });

describe('import into a real database', () => {
  it('imports a folder tree, reports and skips a corrupt file and a wrong-size mask, and re-importing adds nothing', async () => {
    const tree = path.join(dir, 'tree');
    await writeBenchmark(presetConfig('face-swap', { seed: 3, size: 48, counts: { train: 12, val: 2, test: 6 } }), tree);
    const fakeDir = path.join(tree, 'fake', 'region-swap-feather');
    const fakes = (await readdir(fakeDir)).sort();
    // A corrupt image, a mask of the wrong size, and a duplicate under another name.
    await writeFile(path.join(fakeDir, 'corrupt.png'), 'not a png at all');
    await appendFile(path.join(tree, 'manifest.csv'), 'fake/region-swap-feather/corrupt.png,train,seen,fake,region-swap-feather,\n');
    const wrong = fakes[0]!;
    await writeFile(path.join(tree, 'masks', 'region-swap-feather', wrong), await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer());
    await copyFile(path.join(fakeDir, fakes[1]!), path.join(fakeDir, 'copy-of-another.png'));
    await appendFile(path.join(tree, 'manifest.csv'), 'fake/region-swap-feather/copy-of-another.png,train,seen,fake,region-swap-feather,\n');

    const p = await project('imported');
    const sink = projectSink(t.db, storage, { projectId: p.id, masksAs: 'training' });
    const first = await importFolder(tree, sink);
    const samples = await t.db.sample.count({ where: { projectId: p.id } });
    expect(first.added).toBe(samples);
    expect(first.added).toBe(20 - 1); // the wrong-size mask's sample is skipped
    expect(first.duplicates).toBe(1);
    expect(first.issues.map((i) => i.code).sort()).toEqual(expect.arrayContaining(['not-an-image']));
    expect(first.issues.some((i) => i.path.includes(wrong.replace('.png', '')))).toBe(true);
    const masks = await t.db.mask.findMany({ where: { sample: { projectId: p.id } } });
    expect(masks.every((m) => m.source === 'import' && !m.reference && m.encoding === 'rle')).toBe(true);
    expect(masks.length).toBe(first.masks);

    const again = await importFolder(tree, sink);
    expect(again.added).toBe(0);
    expect(await t.db.sample.count({ where: { projectId: p.id } })).toBe(samples);
    expect(await t.db.mask.count({ where: { sample: { projectId: p.id } } })).toBe(masks.length);
  });

  it('generates straight into a project with exact reference masks, idempotently', async () => {
    const p = await project('generated');
    const overrides = { seed: 11, size: 32, counts: { train: 10, val: 2, test: 4 } };
    const r = await generateIntoProject(t.db, storage, { projectId: p.id, preset: 'inpainting', overrides });
    expect(r).toMatchObject({ total: 16, added: 16, duplicates: 0 });
    const again = await generateIntoProject(t.db, storage, { projectId: p.id, preset: 'inpainting', overrides });
    expect(again).toMatchObject({ added: 0, duplicates: 16 });
    const fakes = await t.db.sample.findMany({ where: { projectId: p.id, label: 'fake' }, include: { masks: true } });
    expect(fakes.length).toBeGreaterThan(0);
    expect(fakes.every((f) => f.masks.length === 1 && f.masks[0]!.reference && f.masks[0]!.area > 0)).toBe(true);
    expect(await t.db.sample.count({ where: { projectId: p.id, split: 'test', novelty: 'unseen' } })).toBeGreaterThan(0);
  });

  it('exports masks as COCO RLE that decodes to the stored masks, and as PNGs with a manifest', async () => {
    const p = await t.db.project.findUniqueOrThrow({ where: { slug: 'generated' } });
    const { files, masks } = await exportProjectMasks(t.db, { projectId: p.id, format: 'coco', reference: true });
    const coco = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as { images: { id: number; file_name: string }[]; annotations: { image_id: number; segmentation: { size: [number, number]; counts: string } }[] };
    expect(coco.annotations).toHaveLength(masks);
    const stored = await t.db.sample.findMany({ where: { projectId: p.id, label: 'fake' }, include: { masks: true }, orderBy: { id: 'asc' } });
    for (const ann of coco.annotations) {
      const img = coco.images.find((i) => i.id === ann.image_id)!;
      const sample = stored.find((s) => s.sourceName === img.file_name)!;
      expect(masksEqual(decodeRle(ann.segmentation), decodeStoredMask(sample.masks[0]!))).toBe(true);
    }
    const pngs = await exportProjectMasks(t.db, { projectId: p.id, format: 'png', reference: true });
    expect(pngs.files.filter((f) => f.path.endsWith('.png'))).toHaveLength(masks);
    expect(new TextDecoder().decode(pngs.files.find((f) => f.path === 'manifest.csv')!.bytes)).toMatch(/^file,id,image/);
    // Training-mask export of a project with none is empty, not an error.
    expect((await exportProjectMasks(t.db, { projectId: p.id, format: 'png' })).masks).toBe(0);
  });
});
