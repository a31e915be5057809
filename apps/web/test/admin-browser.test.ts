// The admin walk in headless Chromium against the production build and a real worker process: create a
// project → generate a small synthetic set → trigger a round → answer its tasks → watch training → a model
// version with metrics and a point on the learning curve. LAE_SCREENSHOT_DIR=… saves the report's figures.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createDb } from '@lae-studio/db';
import { decodeStoredMask } from '@lae-studio/project-data';
import { encodeCompressedRle } from '@lae-studio/mask-codec';
import { USERS } from './users.ts';
import { launchChromium, signInThroughRedirect } from './workspace/browser.ts';
import { json, signedIn } from './admin/sessions.ts';
import { quietenLeftovers, spawnWorker, stopWorker } from './admin/worker.ts';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = createDb(databaseUrl, 2);
const shots = process.env.LAE_SCREENSHOT_DIR;
let browser: Browser;
let worker: ReturnType<typeof spawnWorker> | undefined;

// A tiny LAE so that a round trains in seconds on one core (as packages/loop's tests use).
// 300 epochs: ≈ 4–6 s of training here, so the page's 2 s poll sees the round training (40 took 1.1 s once the
// native kernels sped training up, and the walk missed it).
const TINY = { encoderChannels: [8, 8, 16, 16], latentChannels: 4, decoderChannels: [8, 8, 8], train: { epochs: 300, batchSize: 16, patience: 0 }, score: { batchSize: 64, mcSamples: 2 } };

beforeAll(async () => {
  await quietenLeftovers(db, inject('redisPrefix'));
  // Two threads: single-threaded training never yields to the event loop, so its progress writes reach
  // Postgres only after the last epoch; the data-parallel path awaits its threads and writes live.
  worker = spawnWorker({ LAE_WORKER_THREADS: '2' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  const trained = worker?.output().split('\n').find((l) => l.includes('model trained'));
  if (trained) console.log(trained);
  await stopWorker(worker);
  await db.$disconnect();
});

async function shot(page: Page, name: string, selector?: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
}

/** Answer every open task of the project as an annotator would, with the sample's ground-truth mask. */
async function answerTasks(projectId: string): Promise<number> {
  const s = await signedIn(baseUrl, 'annotator');
  let n = 0;
  for (;;) {
    const next = (await (await s.fetch('/api/tasks/next', { method: 'POST', ...json({ projectId }) })).json()) as { task: { id: string; leaseToken: string; sample: { id: string } } | null };
    if (!next.task) return n;
    const ref = await db.mask.findFirst({ where: { sampleId: next.task.sample.id, reference: true }, orderBy: { version: 'desc' } });
    expect(ref, 'generated fakes carry a reference mask').toBeTruthy();
    const mask = encodeCompressedRle(decodeStoredMask(ref!));
    const res = await s.fetch(`/api/tasks/${next.task.id}/submit`, { method: 'POST', ...json({ leaseToken: next.task.leaseToken, clientId: randomUUID(), mask }) });
    expect(res.status).toBe(201);
    n++;
  }
}

describe('admin walk in headless Chromium with a real worker', () => {
  it('creates a project, generates data, runs a round and shows its model on the learning curve', { timeout: 360_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await signInThroughRedirect(page, baseUrl, '/admin', USERS.admin.email);

    // 1. Create the project from the form.
    await page.locator('#pf-name').fill('Walk: face swap');
    // The browser's own check of the slug works (its pattern used to be an invalid regular expression in Chromium).
    await page.locator('#pf-slug').fill('Bad Slug');
    expect(await page.locator('#pf-slug').evaluate((el) => (el as HTMLInputElement).validity.patternMismatch)).toBe(true);
    await page.locator('#pf-slug').fill('walk-face-swap');
    expect(await page.locator('#pf-slug').evaluate((el) => (el as HTMLInputElement).validity.patternMismatch)).toBe(false);
    await page.locator('#pf-description').fill('Browser walk: a tiny synthetic face-swap set');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(/\/admin\/projects\/[a-z0-9]+$/);
    // Let the client-side navigation finish before a full one (a soft navigation still running could replace it).
    await page.getByTestId('project-overview').waitFor();
    const projectId = page.url().split('/').pop()!;

    // The overview says what the project needs first (data), and that a new project is members-only.
    expect(await page.getByTestId('next-step').getAttribute('data-step')).toBe('data');
    await page.getByTestId('no-members').waitFor();
    // 1b. Add the annotator on the Members page.
    await page.goto(`${baseUrl}/admin/projects/${projectId}/members`);
    expect(await page.getByRole('checkbox', { name: 'Open to all annotators and reviewers' }).isChecked()).toBe(false);
    await page.locator('#m-email').fill('nobody@test.lae');
    await page.getByRole('button', { name: 'Add to project' }).click();
    await page.getByTestId('action-error').waitFor();
    expect(await page.getByTestId('action-error').textContent()).toContain('People page');
    await page.locator('#m-email').fill(USERS.annotator.email);
    await page.getByRole('button', { name: 'Add to project' }).click();
    await page.getByTestId('member').filter({ hasText: USERS.annotator.email }).waitFor();
    await shot(page, 'members');

    // 2. Settings: 32×32, a tiny model, budgets big enough for a few tasks on a small set.
    await page.goto(`${baseUrl}/admin/projects/${projectId}/settings`);
    await page.locator('#pf-imageSize').selectOption('32');
    await page.locator('#pf-round').fill('8');
    await page.locator('#pf-total').fill('30');
    await page.locator('#pf-model').fill(JSON.stringify(TINY));
    // A 2-epoch model on 64 images is at chance: let it be promoted anyway, so that round 1 scores with it.
    expect(await page.locator('#pf-chance').isChecked()).toBe(true);
    await page.locator('#pf-chance').uncheck();
    await shot(page, 'settings');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('saved').waitFor();
    const saved = await db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(saved).toMatchObject({ imageSize: 32, roundBudgetFraction: 0.08, totalBudgetFraction: 0.3, promoteAboveChanceOnly: false });

    // 3. Generate a small synthetic set, watching the job's progress.
    await page.goto(`${baseUrl}/admin/projects/${projectId}/data`);
    await page.locator('#g-size').fill('32');
    await page.locator('#g-train').fill('64');
    await page.locator('#g-val').fill('16');
    await page.locator('#g-test').fill('32');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.locator('[data-testid="data-job"][data-state="completed"]').waitFor({ timeout: 120_000 });
    await expect.poll(async () => page.getByTestId('sample-count').textContent(), { timeout: 10_000 }).toMatch(/^112 samples/);
    expect(await page.locator('[data-testid="sample-grid"] img').count()).toBeGreaterThan(0);

    // 4. The overview: samples by split/manipulation, the budget gauge, and round 0 as the next step.
    await page.goto(`${baseUrl}/admin/projects/${projectId}`);
    expect(await page.getByTestId('samples-by-split').textContent()).toContain('train');
    await page.getByTestId('budget-gauge').waitFor();
    expect(await page.getByTestId('next-step').getAttribute('data-step')).toBe('round0');
    await shot(page, 'overview-next-step');

    // 5. Start round 0 from the overview's call to action and watch it reach annotation (the page polls).
    await page.getByTestId('start-round').click();
    await expect.poll(() => db.round.count({ where: { projectId } }), { timeout: 10_000 }).toBe(1);
    await page.goto(`${baseUrl}/admin/projects/${projectId}/rounds`);
    await page.locator('[data-testid="round-0"][data-status="annotating"]').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('round-tasks').textContent()).toMatch(/0 \/ \d+ answered/);
    // No model yet: the selection says it is random, and why.
    expect(await page.locator('[data-testid="round-0"] [data-testid="strategy-note"]').textContent()).toBe('Selection: random instead of margin: cold start, no model yet.');
    await shot(page, 'round-annotating', '[data-testid="round-0"]');

    // 6. Annotators answer; the last submit starts training. Watch its progress.
    expect(await answerTasks(projectId)).toBeGreaterThan(0);
    // The page polls every 2 s and the worker writes progress every second: training shows its epochs and loss curve.
    const sawTraining = await page
      .locator('[data-testid="round-0"][data-status="training"] [data-testid="loss-chart"]')
      .waitFor({ timeout: 25_000 })
      .then(() => true, () => false);
    expect(sawTraining, 'live training progress with a loss curve').toBe(true);
    await shot(page, 'round-in-progress', '[data-testid="round-0"]');
    await page.locator('[data-testid="round-0"][data-status="completed"]').waitFor({ timeout: 180_000 });
    expect(await page.locator('[data-testid="round-0"] [data-testid="round-metrics"]').textContent()).toMatch(/unseen acc \d/);

    // 7. The worker opens round 1 by itself; it scores with round 0's model. Answer it too.
    await page.locator('[data-testid="round-1"][data-status="annotating"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid="round-1"] [data-phase="scoring"]').getAttribute('data-state')).toBe('done');
    // This time the simulation's oracle answers, from the round card (confirmed; the worker does it).
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="round-1"] [data-testid="oracle-answer"]').click();
    await page.locator('[data-testid="round-1"][data-status="completed"]').waitFor({ timeout: 180_000 });
    expect(await db.mask.count({ where: { source: 'oracle', task: { round: { projectId, number: 1 } } } })).toBeGreaterThan(0);

    // 8. A scored sample shows its image, mask versions and attention heatmap.
    const scored = await db.score.findFirstOrThrow({ where: { sample: { projectId }, attention: { not: null } }, select: { sampleId: true } });
    await page.goto(`${baseUrl}/admin/projects/${projectId}/data/${scored.sampleId}`);
    await page.getByTestId('attention-heatmap').waitFor();
    expect(await page.getByTestId('scores').locator('tbody tr').count()).toBeGreaterThan(0);

    // The overview after two rounds: masks against the budget, tasks by status.
    await page.goto(`${baseUrl}/admin/projects/${projectId}`);
    expect(await page.getByTestId('budget-gauge').textContent()).toMatch(/[1-9]\d* of 32 training fakes masked/);
    await shot(page, 'overview');

    // 9. The model versions with metrics, and their points on the learning curve.
    await page.goto(`${baseUrl}/admin/projects/${projectId}/models`);
    const row = page.getByTestId('model-0');
    expect(await row.getByTestId('metrics-unseen').textContent()).toMatch(/^acc \d+\.\d% \[\d+\.\d–\d+\.\d\]AUC /);
    expect(await row.getByTestId('metrics-seen').textContent()).toMatch(/^acc \d+\.\d% \[\d+\.\d–\d+\.\d\]AUC /);
    // Round 0 trains from scratch; round 1 continues from the promoted round-0 model (train.warmEpochs, default 15).
    expect(await row.getByTestId('training-start').textContent()).toBe('from scratch · 300 epochs');
    expect(await page.getByTestId('model-1').getByTestId('training-start').textContent()).toBe('warm from round 0 · 15 epochs');
    expect(await page.getByTestId('learning-curve').getAttribute('data-points')).toBe('2');
    await page.locator('[data-testid="learning-curve-chart"] svg.recharts-surface[role="application"]').waitFor();
    // The worker trains the no-mask baseline after round 0's model: the curve gets its reference line.
    await expect.poll(() => db.modelVersion.count({ where: { projectId, baselineFor: { not: null }, status: 'ready' } }), { timeout: 120_000 }).toBe(1);
    await page.reload();
    expect(await page.getByTestId('baseline-note').textContent()).toContain('the no-mask baseline');
    await shot(page, 'learning-curve', '[data-testid="learning-curve"]');
    await shot(page, 'models');

    // The artifact downloads as an attachment.
    const model = await db.modelVersion.findFirstOrThrow({ where: { projectId, round: { number: 0 } } });
    const admin = await signedIn(baseUrl, 'admin');
    const dl = await admin.fetch(`/api/admin/projects/${projectId}/models/${model.id}/artifact`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment; filename="walk-face-swap-round-0/);
    expect((await dl.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    // Exports of the masks the annotators made, built by the worker: a zip of PNGs and COCO JSON.
    const masks = await db.mask.count({ where: { sample: { projectId }, reference: false } });
    const exported = async (format: 'png' | 'coco') => {
      const started = await admin.fetch(`/api/admin/projects/${projectId}/exports`, { method: 'POST', ...json({ format }) });
      expect(started.status).toBe(202);
      const { exportId } = (await started.json()) as { exportId: string };
      await expect.poll(async () => (await db.maskExport.findUniqueOrThrow({ where: { id: exportId } })).status, { timeout: 60_000 }).toBe('completed');
      return admin.fetch(`/api/admin/projects/${projectId}/exports/${exportId}/download`);
    };
    const zip = await exported('png');
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('x-mask-count')).toBe(String(masks));
    expect(Buffer.from(await zip.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const coco = (await (await exported('coco')).json()) as { annotations: unknown[] };
    expect(coco.annotations).toHaveLength(masks);
    await page.close();
  });
});
