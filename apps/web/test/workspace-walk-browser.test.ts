// The whole round trip in headless Chromium: annotate → the empty-submit guard → a reload mid-stroke loses
// nothing → submit → the reviewer rejects with a note → the annotator finds it in "My work", reopens, fixes
// and resubmits → the reviewer corrects and accepts. Screenshots of every page on the way.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { USERS } from './users.ts';
import { editorView, launchChromium, paintStroke, signedInContext, toScreen } from './workspace/browser.ts';
import { closeFixtures, createAnnotator, fixtureDb, seedProject, storedPixels, userId } from './workspace/fixtures.ts';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const storageDir = inject('storageDir');
const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reports/screenshots');
// Thumbnails draw after their image decodes: wait for them, so that a picture shows what a person sees.
const shot = async (page: Page, name: string) => {
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLCanvasElement>('canvas.thumb')].every((c) => c.dataset.state === 'drawn'));
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
};
// After a submit, the next page; if it never comes, fail with what the editor's status bar said (lease, save).
const submitted = async (page: Page) => {
  try {
    await page.waitForURL(`${baseUrl}/work?done=1`);
  } catch (err) {
    const status = await page.getByRole('status').allTextContents().catch(() => []);
    throw new Error(`no navigation after submit; the editor's status bar said: ${JSON.stringify(status)}`, { cause: err });
  }
};
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await closeFixtures();
});

const area = (data: Uint8Array) => data.reduce((n, v) => n + v, 0);

describe('annotate, review, rework, correct', () => {
  it('walks one task from the first stroke to a corrected, accepted mask', async () => {
    const annotator = await createAnnotator(databaseUrl, 'walker');
    const reviewerId = await userId(databaseUrl, USERS.reviewer.email);
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[64, 64]], attention: true, members: [annotator.id, reviewerId] });
    const task = seeded.tasks[0]!;
    const db = fixtureDb(databaseUrl);

    // 1. Annotate: a 64² image fills the canvas (not 400% with two thirds empty); the toolbar is one row at 1440 px.
    const a = await signedInContext(browser, baseUrl, annotator.email);
    await a.page.setViewportSize({ width: 1440, height: 900 });
    await a.page.getByTestId(`start-${seeded.projectId}`).click();
    await a.page.waitForURL(`${baseUrl}/work/tasks/${task.id}`);
    await a.page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    const view = await editorView(a.page);
    expect(view.scale).toBeGreaterThan(8);
    const toolbar = (await a.page.getByRole('toolbar', { name: 'Editor tools' }).boundingBox())!;
    expect(toolbar.height).toBeLessThan(48);

    // 2. Ctrl+Enter with nothing painted asks first; cancelling stores nothing.
    await a.page.keyboard.press('Control+Enter');
    await a.page.getByTestId('confirm-dialog').waitFor();
    await shot(a.page, 'editor-empty-submit-guard');
    await a.page.getByRole('button', { name: 'Cancel' }).click();
    expect(await db.mask.count({ where: { taskId: task.id } })).toBe(0);

    // 3. A stroke, then a reload while the mouse is still down: the stroke is in the draft, undo still works.
    await paintStroke(a.page, view, [[8, 8], [56, 8]]);
    const [x0, y0] = toScreen(view, [8, 40]);
    const [x1, y1] = toScreen(view, [56, 40]);
    await a.page.mouse.move(x0, y0);
    await a.page.mouse.down();
    await a.page.mouse.move(x1, y1, { steps: 10 });
    await a.page.reload(); // no mouse up
    await a.page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    const draft = await db.draft.findFirstOrThrow({ where: { taskId: task.id } });
    const painted = storedPixels(draft);
    expect(painted[8 * 64 + 30]).toBe(1);
    expect(painted[40 * 64 + 30]).toBe(1); // the stroke in progress at the reload
    expect(draft.history).not.toBeNull();
    await expect.poll(() => a.page.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true);
    await a.page.mouse.up();

    // 4. Submit.
    await a.page.getByRole('button', { name: 'Lasso' }).click();
    await shot(a.page, 'editor-toolbar-1440');
    await a.page.keyboard.press('Control+Enter');
    await submitted(a.page);
    const first = await db.mask.findFirstOrThrow({ where: { taskId: task.id } });
    expect(first.area).toBeGreaterThan(2 * 40);

    // 5. The reviewer rejects with a note, by keyboard.
    const r = await signedInContext(browser, baseUrl, USERS.reviewer.email);
    await r.page.setViewportSize({ width: 1440, height: 900 });
    await r.page.goto(`${baseUrl}/review`);
    await shot(r.page, 'review-queue');
    await r.page.goto(`${baseUrl}/review/${first.id}`);
    await r.page.getByTestId('review-panel').locator('canvas').first().waitFor();
    await r.page.keyboard.press('t'); // the attention beside the mask
    await r.page.keyboard.press('+');
    await shot(r.page, 'review-mask-attention');
    await r.page.keyboard.press('r');
    await expect.poll(() => r.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Comment');
    await r.page.keyboard.type('Also the mouth: the forged region goes down to y = 60.');
    await r.page.keyboard.press('Control+Enter');
    await r.page.waitForURL(`${baseUrl}/review`);

    // 6. The annotator sees it in My work with the note, reopens it, fixes it and resubmits.
    await a.page.goto(`${baseUrl}/work/mine`);
    const item = a.page.locator(`[data-testid="my-task"][data-task-id="${task.id}"]`);
    expect(await item.getAttribute('data-state')).toBe('returned');
    expect(await item.getByTestId('my-task-note').textContent()).toContain('down to y = 60');
    await shot(a.page, 'my-work-returned');
    await item.getByTestId('reopen').click();
    await a.page.waitForURL(`${baseUrl}/work/tasks/${task.id}`);
    await a.page.getByTestId('review-note').waitFor();
    const again = await editorView(a.page);
    await a.page.keyboard.press('b');
    await paintStroke(a.page, again, [[20, 58], [44, 58]]);
    await shot(a.page, 'editor-rework');
    await a.page.keyboard.press('Control+Enter');
    await submitted(a.page);
    const second = await db.mask.findFirstOrThrow({ where: { taskId: task.id, review: 'pending' } });
    expect(second.area).toBeGreaterThan(first.area);

    // 7. The reviewer corrects (erases a part) and saves: a new version by the reviewer, the annotator's kept.
    await r.page.goto(`${baseUrl}/review/${second.id}`);
    await r.page.getByTestId('review-panel').locator('canvas').first().waitFor();
    expect(await r.page.getByText('submission 2').count()).toBeGreaterThan(0);
    await r.page.keyboard.press('e');
    // The correction tools fit one row in the review column at 1440 px, as in the editor.
    const tools = (await r.page.getByRole('toolbar', { name: 'Editor tools' }).boundingBox())!;
    expect(tools.height).toBeLessThan(48);
    await r.page.keyboard.press('e'); // the eraser
    const rv = await editorView(r.page);
    await paintStroke(r.page, rv, [[4, 8], [60, 8]]);
    await shot(r.page, 'review-correcting');
    await r.page.keyboard.press('Control+Enter');
    await r.page.waitForURL(`${baseUrl}/review`);
    const masks = await db.mask.findMany({ where: { taskId: task.id }, orderBy: { version: 'asc' } });
    expect(masks.map((m) => m.review)).toEqual(['rejected', 'corrected', 'accepted']);
    expect(masks[2]!.authorId).toBe(reviewerId);
    expect(masks[2]!.area).toBeLessThan(masks[1]!.area);
    expect(area(storedPixels(masks[1]!))).toBe(masks[1]!.area); // the annotator's version is unchanged
    expect(await db.annotationTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({ status: 'accepted' });

    await a.page.goto(`${baseUrl}/work/mine`);
    expect(await a.page.locator(`[data-testid="my-task"][data-task-id="${task.id}"]`).getAttribute('data-state')).toBe('corrected');
    await shot(a.page, 'my-work-corrected');
    await a.context.close();
    await r.context.close();
  });

  it('releases the lease when the tab closes, so another annotator gets the task at once', async () => {
    const [one, two] = [await createAnnotator(databaseUrl, 'closer'), await createAnnotator(databaseUrl, 'next-in-line')];
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[48, 48]], members: [one.id, two.id] });
    const a = await signedInContext(browser, baseUrl, one.email);
    await a.page.getByTestId(`start-${seeded.projectId}`).click();
    await a.page.waitForURL(`${baseUrl}/work/tasks/${seeded.tasks[0]!.id}`);
    await a.page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    await a.page.close({ runBeforeUnload: true });
    const db = fixtureDb(databaseUrl);
    await expect.poll(async () => (await db.annotationTask.findUniqueOrThrow({ where: { id: seeded.tasks[0]!.id } })).status, { timeout: 10_000 }).toBe('queued');
    const b = await signedInContext(browser, baseUrl, two.email);
    await b.page.getByTestId(`start-${seeded.projectId}`).click();
    await b.page.waitForURL(`${baseUrl}/work/tasks/${seeded.tasks[0]!.id}`);
    await a.context.close();
    await b.context.close();
  });
});
