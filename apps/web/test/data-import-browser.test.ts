// The Data page's mask and video imports in headless Chromium, against the production build and a real
// worker (ffmpeg decoding a video the test makes): forms → data jobs → progress → per-file report.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeTestVideo } from '@lae-studio/datasets';
import { createDb } from '@lae-studio/db';
import { decodeStoredMask } from '@lae-studio/project-data';
import { maskArea } from '@lae-studio/mask-codec';
import { USERS } from './users.ts';
import { launchChromium, signInThroughRedirect } from './workspace/browser.ts';
import { quietenLeftovers, spawnWorker, stopWorker } from './admin/worker.ts';

const baseUrl = inject('baseUrl');
const db = createDb(inject('databaseUrl'), 2);
const importRoot = mkdtempSync(path.join(os.tmpdir(), 'lae-web-import-'));
const shots = process.env.LAE_SCREENSHOT_DIR;
let browser: Browser;
let worker: ReturnType<typeof spawnWorker> | undefined;

beforeAll(async () => {
  await quietenLeftovers(db, inject('redisPrefix'));
  await makeTestVideo(path.join(importRoot, 'clips/real/clip.mp4'), { frames: 20, width: 48, height: 32 });
  await makeTestVideo(path.join(importRoot, 'clips/fake/swap/clip.mp4'), { frames: 20, width: 48, height: 32, kind: 'testsrc2' });
  await makeTestVideo(path.join(importRoot, 'clips/masks/swap/clip.mp4'), { frames: 20, width: 48, height: 32, kind: 'mask' });
  worker = spawnWorker({ LAE_IMPORT_ROOT: importRoot });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopWorker(worker);
  await db.$disconnect();
  rmSync(importRoot, { recursive: true, force: true });
});

describe('Data page imports (Chromium, real worker and ffmpeg)', () => {
  it('imports a video as frames, then COCO masks onto them, each with progress and a report of what was skipped', { timeout: 180_000 }, async () => {
    const project = await db.project.create({ data: { name: 'Video import', slug: `video-${Date.now().toString(36)}`, imageSize: 32 } });
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInThroughRedirect(page, baseUrl, '/admin', USERS.admin.email);
    await page.goto(`${baseUrl}/admin/projects/${project.id}/data`);

    await page.locator('#v-path').fill('clips');
    await page.locator('#v-mode').selectOption('perVideo');
    await page.locator('#v-n').fill('4');
    await page.locator('#v-masks').selectOption('training');
    await page.getByRole('button', { name: 'Import videos' }).click();
    const videoJob = page.locator('[data-testid="data-job"][data-state="completed"]');
    await videoJob.waitFor({ timeout: 120_000 });
    expect(await videoJob.textContent()).toContain('8 / 8 frames');
    await expect.poll(async () => page.getByTestId('sample-count').textContent(), { timeout: 10_000 }).toMatch(/^8 samples/);
    const frames = await db.sample.findMany({ where: { projectId: project.id }, include: { masks: true }, orderBy: [{ videoName: 'asc' }, { frameIndex: 'asc' }] });
    expect(frames.map((f) => `${f.videoName}@${f.frameIndex}`)).toEqual(['fake/swap/clip.mp4@2', 'fake/swap/clip.mp4@7', 'fake/swap/clip.mp4@12', 'fake/swap/clip.mp4@17', 'real/clip.mp4@2', 'real/clip.mp4@7', 'real/clip.mp4@12', 'real/clip.mp4@17']);
    expect(frames.filter((f) => f.label === 'fake').every((f) => f.masks.length === 1 && !f.masks[0]!.reference)).toBe(true);

    // COCO masks made elsewhere: one polygon for a frame (matched by file name), one for an unknown image.
    mkdirSync(path.join(importRoot, 'coco'));
    const coco = {
      images: [
        { id: 1, file_name: 'fake/swap/clip/000007.png', width: 48, height: 32 },
        { id: 2, file_name: 'elsewhere/unknown.png', width: 48, height: 32 },
      ],
      annotations: [
        { image_id: 1, category_id: 1, segmentation: [[0, 0, 10, 0, 10, 10, 0, 10]] },
        { image_id: 2, category_id: 1, segmentation: [[0, 0, 10, 0, 10, 10]] },
      ],
      categories: [{ id: 1, name: 'forgery' }],
    };
    writeFileSync(path.join(importRoot, 'coco/masks.json'), JSON.stringify(coco));
    await page.locator('#m-path').fill('coco/masks.json');
    await page.getByRole('button', { name: 'Import masks' }).click();
    await expect.poll(async () => page.locator('[data-testid="data-job"][data-state="completed"]').count(), { timeout: 60_000 }).toBe(2);
    const report = page.getByTestId('data-job-result').first();
    expect(await report.textContent()).toContain('1 added · 0 already there · 1 skipped');
    await report.locator('summary').click();
    expect(await report.textContent()).toMatch(/masks\.json#image 2 — no-matching-sample/);
    const frame7 = await db.sample.findFirstOrThrow({ where: { projectId: project.id, sourceName: 'fake/swap/clip/000007.png' }, include: { masks: { orderBy: { version: 'desc' } } } });
    expect(frame7.masks).toHaveLength(2);
    expect(maskArea(decodeStoredMask(frame7.masks[0]!))).toBe(100);

    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'data-import-1440.png'), fullPage: true });
      await page.setViewportSize({ width: 1024, height: 1000 });
      await page.screenshot({ path: path.join(shots, 'data-import-1024.png'), fullPage: true });
    }
    await page.close();
  });
});
