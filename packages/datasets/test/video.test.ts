import { execFile } from 'node:child_process';
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createMask, masksEqual } from '@lae-studio/mask-codec';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameIndices, importVideos, makeTestVideo, MemorySink, probeVideo, type ImportSample } from '../src/index.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
const W = 64;
const H = 48;
const box = { x: 8, y: 16, w: 24, h: 16 };

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('lae-video-'));
  await makeTestVideo(path.join(dir, 'folder/real/v1.mp4'), { frames: 30, width: W, height: H });
  await makeTestVideo(path.join(dir, 'folder/fake/swap/v1.webm'), { frames: 30, width: W, height: H });
  await makeTestVideo(path.join(dir, 'folder/masks/swap/v1.mp4'), { frames: 30, width: W, height: H, kind: 'mask', box });
  await makeTestVideo(path.join(dir, 'folder/fake/swap/v2.avi'), { frames: 25, width: W, height: H, kind: 'testsrc2' });
  await makeTestVideo(path.join(dir, 'folder/masks/swap/v2.mp4'), { frames: 12, width: W, height: H, kind: 'mask', box });
  await writeFile(path.join(dir, 'folder/real/broken.mp4'), 'not a video');
  await symlink('/etc/hostname', path.join(dir, 'folder/real/escape.mp4'));
}, 60_000);
afterAll(() => cleanup());

/** The frame ffmpeg decodes at `index`, as RGB: what a stored sample must hold. */
async function referenceFrame(file: string, index: number): Promise<Buffer> {
  const { stdout } = await promisify(execFile)('ffmpeg', ['-v', 'error', '-i', file, '-vf', `select=eq(n\\,${index})`, '-fps_mode', 'passthrough', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { encoding: 'buffer' });
  return stdout;
}

describe('video import (real ffmpeg, videos the test makes)', () => {
  it('chooses every Nth frame or N evenly spaced frames', () => {
    expect(frameIndices(30, { every: 10 })).toEqual([0, 10, 20]);
    expect(frameIndices(31, { every: 10 })).toEqual([0, 10, 20, 30]);
    expect(frameIndices(30, { perVideo: 3 })).toEqual([5, 15, 25]);
    expect(frameIndices(2, { perVideo: 5 })).toEqual([0, 1]);
    expect(frameIndices(1000, { every: 1 }, 7)).toHaveLength(7);
  });

  it('probes mp4, webm and avi', async () => {
    for (const f of ['real/v1.mp4', 'fake/swap/v1.webm', 'fake/swap/v2.avi']) {
      expect(await probeVideo(path.join(dir, 'folder', f))).toMatchObject({ width: W, height: H, frames: f.endsWith('avi') ? 25 : 30 });
    }
  });

  it('samples frames with their video and index, binarized masks, one split per video, and reports bad files', async () => {
    const sink = new MemorySink();
    const progress: number[] = [];
    const report = await importVideos(path.join(dir, 'folder'), sink, { layout: 'folder', sampling: { every: 10 }, seed: 3, onProgress: (p) => progress.push(p.done) });
    const samples = [...sink.samples.values()];
    expect(samples.map((s) => s.sourceName).sort()).toEqual([
      'fake/swap/v1/000000.png', 'fake/swap/v1/000010.png', 'fake/swap/v1/000020.png',
      'fake/swap/v2/000000.png', 'fake/swap/v2/000010.png', 'fake/swap/v2/000020.png',
      'real/v1/000000.png', 'real/v1/000010.png', 'real/v1/000020.png',
    ]);
    expect(report).toMatchObject({ added: 9, frames: 9, videos: 4, masks: 5 });
    expect(progress.at(-1)).toBe(9);
    expect(Object.fromEntries(report.issues.map((i) => [i.path, i.code]))).toEqual({
      'real/escape.mp4': 'unsafe-path',
      'real/broken.mp4': 'corrupt-video',
      'masks/swap/v2.mp4': 'missing-mask-frames',
    });

    // Each stored frame is exactly the frame ffmpeg decodes at that index.
    for (const s of samples) {
      const raw = await sharp(s.bytes).raw().toBuffer();
      const source = path.join(dir, 'folder', s.video!.name);
      expect(raw.equals(await referenceFrame(source, s.video!.frameIndex)), s.sourceName).toBe(true);
    }
    const expectedMask = createMask(W, H);
    for (let y = box.y; y < box.y + box.h; y++) expectedMask.data.fill(1, y * W + box.x, y * W + box.x + box.w);
    const byName = (n: string) => samples.find((s) => s.sourceName === n) as ImportSample;
    for (const n of ['fake/swap/v1/000000.png', 'fake/swap/v1/000020.png', 'fake/swap/v2/000010.png']) expect(masksEqual(byName(n).mask!, expectedMask), n).toBe(true);
    expect(byName('fake/swap/v2/000020.png').mask).toBeNull(); // the mask video has only 12 frames
    expect(byName('real/v1/000010.png').mask).toBeNull();
    // Frames of one video never straddle splits; the fake made from v1 groups with the real v1.
    for (const v of ['real/v1.mp4', 'fake/swap/v1.webm', 'fake/swap/v2.avi']) expect(new Set(samples.filter((s) => s.video!.name === v).map((s) => s.split)).size).toBe(1);
    expect(byName('real/v1/000000.png').split).toBe(byName('fake/swap/v1/000000.png').split);

    // Again: nothing new (content hash), and the known-frame check skips decoding entirely.
    const again = await importVideos(path.join(dir, 'folder'), sink, { layout: 'folder', sampling: { every: 10 }, seed: 3 });
    expect(again).toMatchObject({ added: 0, duplicates: 9 });
    const known = new Set(samples.map((s) => `${s.video!.name}#${s.video!.frameIndex}`));
    const skipped = await importVideos(path.join(dir, 'folder'), { addSample: () => Promise.reject(new Error('must not be called')) }, { layout: 'folder', sampling: { every: 10 }, hasFrame: async (v, i) => known.has(`${v}#${i}`) });
    expect(skipped).toMatchObject({ added: 0, duplicates: 9 });
  }, 60_000);

  it('takes N frames per video and refuses frames over the pixel limit before decoding', async () => {
    const sink = new MemorySink();
    const r = await importVideos(path.join(dir, 'folder'), sink, { layout: 'folder', sampling: { perVideo: 2 } });
    expect([...sink.samples.values()].filter((s) => s.video!.name === 'real/v1.mp4').map((s) => s.video!.frameIndex).sort((a, b) => a - b)).toEqual([7, 22]);
    expect(r.added).toBe(6);
    const small = await importVideos(path.join(dir, 'folder'), new MemorySink(), { layout: 'folder', sampling: { every: 10 }, limits: { maxPixels: W * H - 1 } });
    expect(small.added).toBe(0);
    expect(small.issues.filter((i) => i.code === 'too-large')).toHaveLength(3);
  }, 60_000);

  it('reads the FaceForensics++ video layout and groups a fake with its target identity', async () => {
    const ff = path.join(dir, 'ff');
    await makeTestVideo(path.join(ff, 'original_sequences/youtube/c23/videos/000.mp4'), { frames: 10, width: W, height: H });
    await makeTestVideo(path.join(ff, 'manipulated_sequences/Deepfakes/c23/videos/000_003.mp4'), { frames: 10, width: W, height: H, kind: 'testsrc2' });
    await makeTestVideo(path.join(ff, 'manipulated_sequences/Deepfakes/masks/videos/000_003.mp4'), { frames: 10, width: W, height: H, kind: 'mask', box });
    const sink = new MemorySink();
    const r = await importVideos(ff, sink, { layout: 'faceforensics', sampling: { every: 5 } });
    expect(r).toMatchObject({ scanned: 4, added: 4, masks: 2, issues: [] });
    const samples = [...sink.samples.values()];
    expect(new Set(samples.map((s) => s.group))).toEqual(new Set(['000']));
    expect(new Set(samples.map((s) => s.split)).size).toBe(1);
    expect(samples.filter((s) => s.label === 'fake').every((s) => s.manipulation === 'Deepfakes' && s.mask !== null)).toBe(true);
  }, 60_000);
});
