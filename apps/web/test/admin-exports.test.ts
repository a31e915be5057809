// Mask exports as worker jobs, over HTTP and on the Data page (headless Chromium), against the production
// build and a real worker process: start (202), list with progress, stream the file once completed; another
// project's export is a 404, an unfinished one a 409, an expired one a 410; non-admins are refused.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LocalStorage } from '@lae-studio/datasets';
import { createDb } from '@lae-studio/db';
import { generateIntoProject } from '@lae-studio/project-data';
import type { HttpSession } from '@lae-studio/auth/http-session';
import { USERS } from './users.ts';
import { launchChromium, signInThroughRedirect } from './workspace/browser.ts';
import { json, signedIn } from './admin/sessions.ts';
import { quietenLeftovers, spawnWorker, stopWorker } from './admin/worker.ts';

const baseUrl = inject('baseUrl');
const db = createDb(inject('databaseUrl'), 2);
const shots = process.env.LAE_SCREENSHOT_DIR;
let admin: HttpSession;
let worker: ReturnType<typeof spawnWorker> | undefined;
let browser: Browser | undefined;
let projectId = '';
let otherProjectId = '';
let referenceMasks = 0;

interface Item {
  id: string;
  status: string;
  progress: number;
  maskCount: number | null;
  bytes: number | null;
  fileName: string | null;
  error: string | null;
}

beforeAll(async () => {
  await quietenLeftovers(db, inject('redisPrefix'));
  admin = await signedIn(baseUrl, 'admin');
  const slug = `exports-${Date.now().toString(36)}`;
  projectId = (await db.project.create({ data: { name: 'Exports', slug, imageSize: 32 } })).id;
  otherProjectId = (await db.project.create({ data: { name: 'Other', slug: `${slug}-other` } })).id;
  // Generated data has reference masks; a few of them also become annotators' (accepted) masks.
  await generateIntoProject(db, new LocalStorage(inject('storageDir')), { projectId, preset: 'face-swap', overrides: { seed: 5, size: 32, counts: { train: 12, val: 2, test: 4 } } });
  referenceMasks = await db.mask.count({ where: { sample: { projectId, label: 'fake' }, reference: true } });
  const refs = await db.mask.findMany({ where: { sample: { projectId }, reference: true }, take: 3 });
  for (const m of refs) await db.mask.create({ data: { sampleId: m.sampleId, version: m.version + 1, encoding: m.encoding, data: m.data, width: m.width, height: m.height, area: m.area, source: 'import', review: 'accepted' } });
  worker = spawnWorker({ LAE_WORKER_QUEUES: 'data,maintenance' });
});
afterAll(async () => {
  await browser?.close();
  await stopWorker(worker);
  await db.$disconnect();
});

const exportsUrl = (p = projectId) => `/api/admin/projects/${p}/exports`;

async function start(body: unknown): Promise<string> {
  const res = await admin.fetch(exportsUrl(), { method: 'POST', ...json(body) });
  expect(res.status).toBe(202);
  return ((await res.json()) as { exportId: string }).exportId;
}

async function list(): Promise<Item[]> {
  const res = await admin.fetch(exportsUrl());
  expect(res.status).toBe(200);
  return ((await res.json()) as { exports: Item[] }).exports;
}

async function finished(exportId: string): Promise<Item> {
  let item: Item | undefined;
  await expect
    .poll(async () => {
      item = (await list()).find((e) => e.id === exportId);
      return item?.status;
    }, { timeout: 60_000, interval: 300 })
    .toMatch(/^(completed|failed)$/);
  return item!;
}

describe('mask exports over HTTP', () => {
  it('validates the request, answers 202 and lists the export; the download waits (409) until the worker is done', async () => {
    expect((await admin.fetch(exportsUrl(), { method: 'POST', ...json({ format: 'tiff' }) })).status).toBe(400);
    expect((await admin.fetch(exportsUrl(), { method: 'POST', body: 'format=png' })).status).toBe(415);
    expect((await admin.fetch(exportsUrl('nope'), { method: 'POST', ...json({ format: 'png' }) })).status).toBe(404);

    // The row exists before any worker has looked at it (the reconciler would enqueue it if Redis lost the job).
    const early = await db.maskExport.create({ data: { projectId, format: 'coco', status: 'queued' } });
    const notReady = await admin.fetch(`${exportsUrl()}/${early.id}/download`);
    expect(notReady.status).toBe(409);
    expect(((await notReady.json()) as { message: string }).message).toContain('not ready');
    await db.maskExport.delete({ where: { id: early.id } });

    const exportId = await start({ format: 'coco', reference: true });
    expect((await list()).map((e) => e.id)).toContain(exportId);
    expect(await db.auditEvent.count({ where: { action: 'project.export', targetId: exportId } })).toBe(1);
    const item = await finished(exportId);
    expect(referenceMasks).toBeGreaterThan(3);
    expect(item).toMatchObject({ status: 'completed', progress: 1, maskCount: referenceMasks, error: null });
    expect(item).not.toHaveProperty('blobKey');

    const res = await admin.fetch(`${exportsUrl()}/${exportId}/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${item.fileName}"`);
    expect(item.fileName).toMatch(/^exports-[a-z0-9]+-masks-reference-\d{8}-\d{4}\.coco\.json$/);
    const body = new Uint8Array(await res.arrayBuffer());
    expect(body.byteLength).toBe(item.bytes);
    const coco = JSON.parse(new TextDecoder().decode(body)) as { info: { date_created: string }; images: { file_name: string }[]; annotations: unknown[] };
    const created = await db.maskExport.findUniqueOrThrow({ where: { id: exportId } });
    expect(coco.info.date_created).toBe(created.createdAt.toISOString());
    expect(coco.images.every((i) => /\.png$/.test(i.file_name))).toBe(true);
    expect(coco.annotations).toHaveLength(referenceMasks);
  });

  it('builds the annotators’ masks as a PNG zip and Label Studio tasks', async () => {
    const png = await finished(await start({ format: 'png' }));
    expect(png).toMatchObject({ status: 'completed', maskCount: 3 });
    const zip = await admin.fetch(`${exportsUrl()}/${png.id}/download`);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const files = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())));
    expect(files.filter((f) => f.startsWith('masks/') && f.endsWith('.png'))).toHaveLength(3);
    expect(files).toContain('manifest.csv');

    const ls = await finished(await start({ format: 'label-studio' }));
    const tasks = (await (await admin.fetch(`${exportsUrl()}/${ls.id}/download`)).json()) as { data: { image: string }; annotations: unknown[] }[];
    expect(tasks).toHaveLength(3);
    expect(tasks.every((t) => t.data.image.endsWith('.png') && t.annotations.length === 1)).toBe(true);
  });

  it("is a 404 from another project, a 410 once expired, a 409 with the reason once failed", async () => {
    const [done] = (await list()).filter((e) => e.status === 'completed');
    expect((await admin.fetch(`${exportsUrl(otherProjectId)}/${done!.id}/download`)).status).toBe(404);
    expect((await admin.fetch(`${exportsUrl()}/nope/download`)).status).toBe(404);
    const failed = await db.maskExport.create({ data: { projectId, format: 'png', status: 'failed', error: 'The export could not be built: disk full.' } });
    const res = await admin.fetch(`${exportsUrl()}/${failed.id}/download`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toContain('disk full');
    await db.maskExport.update({ where: { id: done!.id }, data: { status: 'expired' } });
    expect((await admin.fetch(`${exportsUrl()}/${done!.id}/download`)).status).toBe(410);
    await db.maskExport.update({ where: { id: done!.id }, data: { status: 'completed' } });
  });

  it('refuses annotators and reviewers', async () => {
    const [done] = (await list()).filter((e) => e.status === 'completed');
    for (const who of ['annotator', 'reviewer'] as const) {
      const s = await signedIn(baseUrl, who);
      expect((await s.fetch(exportsUrl(), { method: 'POST', ...json({ format: 'png' }) })).status).toBe(403);
      expect((await s.fetch(exportsUrl())).status).toBe(403);
      expect((await s.fetch(`${exportsUrl()}/${done!.id}/download`)).status).toBe(403);
    }
  });
});

describe('mask exports on the Data page (Chromium)', () => {
  it('starts an export from the form, shows it in the list until it completes, and downloads it', async () => {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    await signInThroughRedirect(page, baseUrl, '/admin', USERS.admin.email);
    await page.goto(`${baseUrl}/admin/projects/${projectId}/data`);
    const rowsBefore = await page.getByTestId('export-row').count();

    await page.locator('#x-format').selectOption('label-studio');
    await page.locator('#x-masks').selectOption('reference');
    await page.getByRole('button', { name: 'Start export' }).click();
    await expect.poll(() => page.getByTestId('export-row').count(), { timeout: 10_000 }).toBe(rowsBefore + 1);
    const first = page.getByTestId('export-row').first();
    await expect.poll(() => first.getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
    expect(await first.textContent()).toContain('Label Studio JSON');
    expect(await first.textContent()).toContain('reference');

    const [download] = await Promise.all([page.waitForEvent('download'), first.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toMatch(/-masks-reference-\d{8}-\d{4}\.label-studio\.json$/);

    if (shots) {
      // For the picture, one export caught mid-build: staged with the worker stopped (a live one finishes
      // in under a second here, and the reconciler would pick a staged one up).
      await stopWorker(worker);
      const staged = await db.maskExport.create({ data: { projectId, format: 'png', status: 'running', progress: 0.45 } });
      await page.reload();
      await page.locator('[data-testid="export-row"][data-status="running"] progress').waitFor();
      mkdirSync(shots, { recursive: true });
      await page.getByTestId('exports').screenshot({ path: path.join(shots, 'data-exports.png') });
      await db.maskExport.delete({ where: { id: staged.id } });
    }
    await page.close();
  });
});
