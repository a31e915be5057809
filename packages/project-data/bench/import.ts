// `npm run bench:import`: import throughput on real PostgreSQL, real ffmpeg, local storage.
//  - masks/s for COCO, Label Studio and PNG-folder imports of one project's masks (and a retry: all duplicates),
//    beside the folder importer (images + their masks) on the same samples, its peer on the same machine;
//  - frames/s for video import (every frame, every 5th), beside importing the same frames as extracted PNGs.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { importFolder, LocalStorage, makeTestVideo, presetConfig, readMaskSource, writeBenchmark, writeExportFiles, type MaskFormat } from '@lae-studio/datasets';
import { createTestDatabase } from '@lae-studio/db/testing';
import { exportProjectMasks, generateIntoProject, importMasksIntoProject, importVideosIntoProject, projectSink } from '../src/index.ts';

const N = Number(process.env.BENCH_IMAGES ?? 600);
const SIZE = Number(process.env.BENCH_SIZE ?? 128);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 250);

const t = await createTestDatabase();
const dir = await mkdtemp(path.join(tmpdir(), 'lae-bench-import-'));
const storage = new LocalStorage(path.join(dir, 'storage'));
const rows: { what: string; n: number; seconds: number; rate: string }[] = [];
async function timed(what: string, unit: string, body: () => Promise<number>) {
  const t0 = performance.now();
  const n = await body();
  const seconds = (performance.now() - t0) / 1000;
  rows.push({ what, n, seconds: Number(seconds.toFixed(2)), rate: `${(n / seconds).toFixed(1)} ${unit}/s` });
}

try {
  const config = { seed: 5, size: SIZE, counts: { train: N, val: 0, test: 0 } };
  const project = await t.db.project.create({ data: { name: 'bench', slug: 'bench', imageSize: 64 } });
  await generateIntoProject(t.db, storage, { projectId: project.id, preset: 'face-swap', overrides: config });
  for (const [format, importFormat, file] of [['coco', 'coco', 'coco.json'], ['label-studio', 'label-studio', 'label-studio.json'], ['png', 'png-folder', '.']] as const) {
    const out = path.join(dir, `export-${format}`);
    await writeExportFiles(out, (await exportProjectMasks(t.db, { projectId: project.id, format, reference: true })).files);
    const read = () => readMaskSource(path.join(out, file), importFormat as MaskFormat);
    await t.db.mask.deleteMany({ where: { sample: { projectId: project.id }, reference: false } });
    await timed(`masks: ${importFormat} import`, 'masks', async () => (await importMasksIntoProject(t.db, { projectId: project.id, masks: await read(), masksAs: 'training' })).added);
    if (format === 'coco') await timed('masks: coco re-import (all duplicates)', 'masks', async () => (await importMasksIntoProject(t.db, { projectId: project.id, masks: await read(), masksAs: 'training' })).duplicates);
  }
  const tree = path.join(dir, 'tree');
  await writeBenchmark(presetConfig('face-swap', config), tree);
  const peer = await t.db.project.create({ data: { name: 'peer', slug: 'peer', imageSize: 64 } });
  await timed('peer: folder import (images + masks)', 'images', async () => (await importFolder(tree, projectSink(t.db, storage, { projectId: peer.id, masksAs: 'training' }))).added);

  const videos = path.join(dir, 'videos');
  await makeTestVideo(path.join(videos, 'real/a.mp4'), { frames: FRAMES, width: SIZE, height: SIZE });
  await makeTestVideo(path.join(videos, 'fake/swap/a.mp4'), { frames: FRAMES, width: SIZE, height: SIZE, kind: 'testsrc2' });
  await makeTestVideo(path.join(videos, 'masks/swap/a.mp4'), { frames: FRAMES, width: SIZE, height: SIZE, kind: 'mask', box: { x: 16, y: 16, w: SIZE / 2, h: SIZE / 2 } });
  for (const every of [1, 5]) {
    const p = await t.db.project.create({ data: { name: `video ${every}`, slug: `video-${every}`, imageSize: 64 } });
    await timed(`video: every ${every === 1 ? 'frame' : `${every}th frame`} (${SIZE}², mp4, with mask video)`, 'frames', async () => (await importVideosIntoProject(t.db, storage, videos, { projectId: p.id, masksAs: 'training', layout: 'folder', sampling: { every } })).added);
  }
  // Peer: the same frames extracted to PNG files by ffmpeg, then the image folder importer.
  const frames = path.join(dir, 'frames');
  await timed('peer: ffmpeg → PNG files, then folder import', 'frames', async () => {
    for (const [src, out] of [['real/a.mp4', 'real/a'], ['fake/swap/a.mp4', 'fake/swap/a'], ['masks/swap/a.mp4', 'masks/swap/a']] as const) {
      await mkdir(path.join(frames, out), { recursive: true });
      await promisify(execFile)('ffmpeg', ['-v', 'error', '-i', path.join(videos, src), '-start_number', '0', path.join(frames, out, '%06d.png')]);
    }
    const p = await t.db.project.create({ data: { name: 'frames peer', slug: 'frames-peer', imageSize: 64 } });
    return (await importFolder(frames, projectSink(t.db, storage, { projectId: p.id, masksAs: 'training' }))).added;
  });

  console.log(`\nImport throughput (${N} training images of ${SIZE}², ${FRAMES}-frame videos; ${new Date().toISOString()})`);
  console.table(rows);
} finally {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
}
