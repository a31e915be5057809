// Issue 15's "done means", in headless Chromium against the production build and a real worker: a new admin
// creates a project, uploads a zip and a short video from the browser (tus), adds an annotator, starts round 0
// from the Overview, exports the masks from the UI, downloads the file, and re-imports it into a second project
// with identical masks.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestVideo, presetConfig, writeBenchmark, zipFolder } from '@lae-studio/datasets';
import { createDb } from '@lae-studio/db';
import { decodeStoredMask } from '@lae-studio/project-data';
import { masksEqual } from '@lae-studio/mask-codec';
import { USERS } from './users.ts';
import { launchChromium, signInThroughRedirect } from './workspace/browser.ts';
import { quietenLeftovers, spawnWorker, stopWorker } from './admin/worker.ts';

const baseUrl = inject('baseUrl');
const db = createDb(inject('databaseUrl'), 2);
const work = mkdtempSync(path.join(os.tmpdir(), 'lae-web-onboarding-'));
const importRoot = path.join(work, 'imports');
const shots = process.env.LAE_SCREENSHOT_DIR;
let browser: Browser;
let worker: ReturnType<typeof spawnWorker> | undefined;
// A tiny LAE so round 0 trains in seconds on one core.
const TINY = { encoderChannels: [8, 8, 16, 16], latentChannels: 4, decoderChannels: [8, 8, 8], train: { epochs: 10, batchSize: 16, patience: 0 }, score: { batchSize: 64, mcSamples: 2 } };

beforeAll(async () => {
  await quietenLeftovers(db, inject('redisPrefix'));
  mkdirSync(importRoot);
  await writeBenchmark(presetConfig('face-swap', { version: 'v2', seed: 11, size: 32, counts: { train: 40, val: 8, test: 16 } }), path.join(work, 'set'));
  writeFileSync(path.join(work, 'set.zip'), await zipFolder(path.join(work, 'set')));
  await makeTestVideo(path.join(work, 'interview.mp4'), { frames: 24, width: 96, height: 64, kind: 'testsrc2' });
  worker = spawnWorker({ LAE_IMPORT_ROOT: importRoot });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopWorker(worker);
  await db.$disconnect();
  rmSync(work, { recursive: true, force: true });
});

async function shot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}-1440.png`), fullPage: true });
}

/** Create a project from the /admin form (advanced settings unfolded for budgets and the tiny model); its id. */
async function createProject(page: Page, name: string, slug: string): Promise<string> {
  await page.goto(`${baseUrl}/admin`);
  await page.locator('#pf-name').fill(name);
  await page.locator('#pf-slug').fill(slug);
  await page.getByTestId('advanced-settings').locator('summary').click();
  await page.locator('#pf-round').fill('10');
  await page.locator('#pf-total').fill('30');
  await page.locator('#pf-model').fill(JSON.stringify(TINY));
  await page.locator('#pf-chance').uncheck();
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.waitForURL(/\/admin\/projects\/[a-z0-9]+$/);
  await page.getByTestId('project-overview').waitFor();
  return page.url().split('/').pop()!;
}

/** Upload a file through the Data page's form and wait for its import job; the job's report line. */
async function uploadAndImport(page: Page, file: string, content: string, jobsBefore: number): Promise<string> {
  await page.locator('#u-file').setInputFiles(file);
  await page.locator('#u-content').selectOption(content);
  await page.locator('#u-frames').fill('4');
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await expect
    .poll(async () => page.locator('[data-testid="data-job"][data-state="completed"]').count(), { timeout: 90_000 })
    .toBe(jobsBefore + 1)
    .catch(async (err: Error) => {
      // What the page and the worker said, for whoever reads the failure.
      throw new Error(`${err.message}\nupload form: ${await page.getByTestId('upload-form').textContent()}\njobs: ${await page.locator('[data-testid="data-job"]').allTextContents()}\nworker: ${worker?.output().slice(-2000)}`);
    });
  await expect.poll(async () => page.getByTestId('data-job-result').count(), { timeout: 10_000 }).toBe(jobsBefore + 1);
  return (await page.getByTestId('data-job-result').first().textContent()) ?? '';
}

describe('from an empty project to exported masks, in the browser (Chromium, real worker, tus uploads)', () => {
  it('upload a zip and a video, add an annotator, run round 0, export, download, re-import into a second project', { timeout: 300_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await signInThroughRedirect(page, baseUrl, '/admin', USERS.admin.email);
    const first = await createProject(page, 'Onboarding: uploads', `onboard-${Date.now().toString(36)}`);
    expect(await page.getByTestId('next-step').getAttribute('data-step')).toBe('data');

    // Data from this computer: the folder layout as a zip (with its masks, as reference), then a real video.
    await page.getByTestId('next-step').getByRole('link', { name: 'Go to Data' }).click();
    await page.getByTestId('upload-form').waitFor();
    expect(await uploadAndImport(page, path.join(work, 'set.zip'), 'folder', 0)).toMatch(/^64 added · 0 already there · 0 skipped/);
    expect(await uploadAndImport(page, path.join(work, 'interview.mp4'), 'real', 1)).toMatch(/^4 added · 0 already there · 0 skipped/);
    await shot(page, 'data-upload');
    const frames = await db.sample.findMany({ where: { projectId: first, videoName: 'real/interview.mp4' } });
    expect(frames).toHaveLength(4);
    expect(new Set(frames.map((f) => f.split)).size).toBe(1);
    expect(await db.mask.count({ where: { sample: { projectId: first }, reference: true } })).toBe(await db.sample.count({ where: { projectId: first, label: 'fake' } }));

    // The Overview asks for annotators next; add one on Members.
    await page.goto(`${baseUrl}/admin/projects/${first}`);
    expect(await page.getByTestId('next-step').getAttribute('data-step')).toBe('people');
    await page.getByTestId('next-step').getByRole('link', { name: 'Go to Members' }).click();
    await page.locator('#m-email').fill(USERS.annotator.email);
    await page.getByRole('button', { name: 'Add to project' }).click();
    await page.getByTestId('member').filter({ hasText: USERS.annotator.email }).waitFor();

    // Round 0 from the Overview's call to action; the simulation's oracle answers it from the round card.
    await page.goto(`${baseUrl}/admin/projects/${first}`);
    expect(await page.getByTestId('next-step').getAttribute('data-step')).toBe('round0');
    await shot(page, 'overview-round0');
    await page.getByTestId('start-round').click();
    await page.goto(`${baseUrl}/admin/projects/${first}/rounds`);
    await page.locator('[data-testid="round-0"][data-status="annotating"]').waitFor({ timeout: 90_000 });
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="round-0"] [data-testid="oracle-answer"]').click();
    await page.locator('[data-testid="round-0"][data-status="completed"]').waitFor({ timeout: 180_000 });
    const answered = await db.mask.findMany({ where: { sample: { projectId: first }, reference: false }, include: { sample: true } });
    expect(answered.length).toBeGreaterThan(0);

    // A test image no round scores: its page computes an attention map on request, with round 0's model.
    const testImage = await db.sample.findFirstOrThrow({ where: { projectId: first, split: 'test', label: 'fake' } });
    await page.goto(`${baseUrl}/admin/projects/${first}/data/${testImage.id}`);
    expect(await page.getByTestId('attention-caption').textContent()).toMatch(/^No attention map: rounds score only the training fakes/);
    await page.getByTestId('explain-sample').click();
    await page.getByTestId('attention-heatmap').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('attention-caption').textContent()).toMatch(/^attention \d+×\d+/);
    expect(await db.score.count({ where: { sampleId: testImage.id, attention: { not: null } } })).toBe(1);
    await shot(page, 'sample-explained');

    // Export the annotators' masks as COCO from the Data page, and download the file the worker built.
    await page.goto(`${baseUrl}/admin/projects/${first}/data`);
    await page.locator('#x-format').selectOption('coco');
    await page.getByRole('button', { name: 'Start export' }).click();
    await page.locator('[data-testid="export-row"][data-status="completed"]').first().waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').first().click()]);
    mkdirSync(path.join(importRoot, 'from-first'));
    await download.saveAs(path.join(importRoot, 'from-first', download.suggestedFilename()));
    expect(download.suggestedFilename()).toMatch(/\.json$/);

    // A second project: the same images uploaded again, then the downloaded masks imported onto them.
    const second = await createProject(page, 'Onboarding: re-import', `reimport-${Date.now().toString(36)}`);
    await page.goto(`${baseUrl}/admin/projects/${second}/data`);
    expect(await uploadAndImport(page, path.join(work, 'set.zip'), 'folder', 0)).toMatch(/^64 added/);
    await page.locator('#m-path').fill(`from-first/${download.suggestedFilename()}`);
    await page.locator('#m-format').selectOption('coco');
    await page.locator('#m-masks').selectOption('training');
    await page.getByRole('button', { name: 'Import masks' }).click();
    await expect.poll(async () => page.locator('[data-testid="data-job"][data-state="completed"]').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.getByTestId('data-job-result').first().textContent()).toContain(`${answered.length} added · 0 already there · 0 skipped`);

    // Identical masks, sample for sample (matched by the file name both projects got from the zip).
    for (const m of answered) {
      const twin = await db.sample.findFirstOrThrow({ where: { projectId: second, sourceName: m.sample.sourceName }, include: { masks: { where: { reference: false } } } });
      expect(twin.masks).toHaveLength(1);
      expect(masksEqual(decodeStoredMask(twin.masks[0]!), decodeStoredMask(m))).toBe(true);
    }
    await page.close();
  });
});
