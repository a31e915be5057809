// Issue 15 items 2 and 8 in headless Chromium (no worker: rounds and tasks are written to the database):
// the slug's pattern works under Chromium's v-flag parsing, form problems show beside their fields, the model
// config is refused by the LAE schema before anything is sent, closing annotation early asks with the task
// counts, an empty project's trigger says why it is off, the sidebar marks the current page and keeps the
// admin items on /work, the one-time password copies. ADMIN_SCREENSHOT_DIR=… saves every admin page at 1440 and 1024 px.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDb } from '@lae-studio/db';
import { USERS } from './users.ts';
import { launchChromium, signInThroughRedirect } from './workspace/browser.ts';

const baseUrl = inject('baseUrl');
const db = createDb(inject('databaseUrl'), 2);
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleLines: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  page = await context.newPage();
  page.on('console', (m) => consoleLines.push(m.text()));
  await signInThroughRedirect(page, baseUrl, '/admin', USERS.admin.email);
});
afterAll(async () => {
  await browser?.close();
  await db.$disconnect();
});

/** The sidebar link marked as the current page. */
const current = () => page.locator('nav[aria-label="Main"] a[aria-current="page"]');

describe('admin forms and navigation in Chromium', () => {
  let projectId = '';

  it('checks the slug in the browser (a valid pattern under the v flag) and shows field problems beside the field', async () => {
    await page.goto(`${baseUrl}/admin`);
    expect(await current().textContent()).toBe('Projects');
    await page.locator('#pf-name').fill('Forms');
    await page.locator('#pf-slug').fill('Bad Slug');
    const slug = page.locator('#pf-slug');
    expect(await slug.evaluate((el) => (el as HTMLInputElement).validity.patternMismatch)).toBe(true);
    // The browser refuses the form itself: nothing is sent, nothing created.
    await page.getByRole('button', { name: 'Create project' }).click();
    expect(await slug.evaluate((el) => el.matches(':invalid'))).toBe(true);
    expect(page.url()).toBe(`${baseUrl}/admin`);
    expect(consoleLines.filter((l) => /pattern|Invalid character class/i.test(l))).toEqual([]);
    // A model config the LAE schema refuses is named beside its field, before anything is sent.
    await slug.fill('forms');
    // The advanced settings are folded away on a new project (their defaults are the paper's setting).
    expect(await page.locator('#pf-model').isVisible()).toBe(false);
    await page.getByTestId('advanced-settings').locator('summary').click();
    await page.locator('#pf-model').fill('{"foo":1}');
    await page.getByRole('button', { name: 'Create project' }).click();
    expect(await page.getByTestId('field-error-modelConfig').textContent()).toMatch(/^foo is not a model setting/);
    expect(await page.locator('#pf-model').getAttribute('aria-invalid')).toBe('true');
    expect(await db.project.count({ where: { slug: 'forms' } })).toBe(0);
    await page.locator('#pf-model').fill('{}');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(/\/admin\/projects\/[a-z0-9]+$/);
    projectId = page.url().split('/').pop()!;
  });

  it('settings: never "Saved." for a model config the schema refuses; saved when it is valid', async () => {
    await page.goto(`${baseUrl}/admin/projects/${projectId}/settings`);
    // How rounds will train, as typed: warm rounds by default, gone while the JSON is invalid, back when it is not.
    const plan = () => page.getByTestId('training-plan');
    expect(await plan().textContent()).toMatch(/^A round trains 60 epochs from scratch until a model is promoted, then 15 epochs on from the promoted one/);
    await page.locator('#pf-model').fill('{"train":{"warmEpochs":0');
    await plan().waitFor({ state: 'detached' });
    await page.locator('#pf-model').fill('{"train":{"warmEpochs":0}}');
    expect(await plan().textContent()).toBe('Every round trains 60 epochs from scratch.');
    for (const [config, message] of [
      ['{"train":{"epochs":-5}}', 'train.epochs must be at least 1.'],
      ['{"foo":1}', /^foo is not a model setting/],
      ['{"train":', /^Not valid JSON/],
    ] as const) {
      await page.locator('#pf-model').fill(config);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await page.getByTestId('field-error-modelConfig').waitFor();
      expect(await page.getByTestId('field-error-modelConfig').textContent()).toMatch(message);
      expect(await page.getByTestId('saved').count()).toBe(0);
    }
    expect((await db.project.findUniqueOrThrow({ where: { id: projectId } })).modelConfig).toEqual({});
    await page.locator('#pf-model').fill('{"train":{"epochs":30}}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('saved').waitFor();
    expect(await page.getByTestId('field-error-modelConfig').count()).toBe(0);
    expect((await db.project.findUniqueOrThrow({ where: { id: projectId } })).modelConfig).toEqual({ train: { epochs: 30 } });
  });

  it('an empty project: "Trigger round now" is off and says why', async () => {
    await page.goto(`${baseUrl}/admin/projects/${projectId}/rounds`);
    expect(await page.getByTestId('trigger-blocked').textContent()).toContain('this project has no samples');
    expect(await page.getByTestId('trigger-round').isDisabled()).toBe(true);
    // The project tab and the sidebar both mark where we are.
    expect(await current().textContent()).toBe('Projects');
  });

  it('closing annotation early asks first, with what it will do and the task counts', async () => {
    const samples = await Promise.all(
      [0, 1, 2].map((k) => db.sample.create({ data: { projectId, storageKey: `forms-${k}`, width: 32, height: 32, contentHash: `forms-${k}`, label: 'fake', split: 'train' } })),
    );
    const round = await db.round.create({ data: { projectId, number: 0, status: 'annotating', strategy: 'random', budget: 3, trigger: 'manual' } });
    await db.annotationTask.createMany({ data: samples.map((s, k) => ({ projectId, roundId: round.id, sampleId: s.id, status: k === 0 ? ('submitted' as const) : ('queued' as const) })) });
    await page.goto(`${baseUrl}/admin/projects/${projectId}/rounds`);
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.message()))));
    await page.getByRole('button', { name: 'Close annotation and train now' }).click();
    const question = await dialog;
    expect(question).toContain('Close annotation of round 0 now and train?');
    expect(question).toContain('1 of 3 tasks answered');
    expect(question).toContain('The 2 tasks still open (queued or being drawn) will be withdrawn');
    // Dismissed: nothing was asked of the worker.
    expect(await db.auditEvent.count({ where: { action: 'round.trigger', targetId: projectId } })).toBe(0);
  });

  it('the sidebar marks the current page; an admin on /work and /review keeps Projects, People and Queues', async () => {
    for (const [url, active] of [
      ['/admin/people', 'People'],
      ['/admin/queues', 'Queues'],
      ['/work', 'My tasks'],
      ['/work/mine', 'My work'],
      ['/review', 'Review'],
    ] as const) {
      await page.goto(`${baseUrl}${url}`);
      expect(await current().textContent(), url).toBe(active);
      expect(await current().evaluate((el) => getComputedStyle(el).backgroundColor), url).not.toBe('rgba(0, 0, 0, 0)');
      const links = await page.locator('nav[aria-label="Main"] a').allTextContents();
      expect(links, url).toEqual(expect.arrayContaining(['Projects', 'People', 'Queues', 'My tasks', 'Review']));
    }
  });

  it('the one-time password has a copy button', async () => {
    await page.goto(`${baseUrl}/admin/people`);
    await page.locator('#u-email').fill('copy-me@test.lae');
    await page.getByRole('button', { name: 'Create user' }).click();
    const password = await page.getByTestId('generated-password').locator('code').textContent();
    await page.getByTestId('copy-password').click();
    await expect.poll(() => page.getByTestId('copy-password').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
  });

  it('screenshots of each admin page at 1440 and 1024 px', { timeout: 120_000 }, async () => {
    const dir = process.env.ADMIN_SCREENSHOT_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const sample = await db.sample.findFirstOrThrow({ where: { projectId } });
    const pages: [string, string][] = [
      ['projects', '/admin'],
      ['people', '/admin/people'],
      ['queues', '/admin/queues'],
      ['overview', `/admin/projects/${projectId}`],
      ['data', `/admin/projects/${projectId}/data`],
      ['sample', `/admin/projects/${projectId}/data/${sample.id}`],
      ['rounds', `/admin/projects/${projectId}/rounds`],
      ['models', `/admin/projects/${projectId}/models`],
      ['members', `/admin/projects/${projectId}/members`],
      ['settings', `/admin/projects/${projectId}/settings`],
      ['work', '/work'],
    ];
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, url] of pages) {
        await page.goto(`${baseUrl}${url}`);
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await page.screenshot({ path: path.join(dir, `admin-${name}-${width}.png`), fullPage: true });
      }
    }
  });
});
