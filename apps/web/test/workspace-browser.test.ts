// The annotator workspace in real headless Chromium against the production server.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { USERS } from './users.ts';
import { capsuleMask, compareMasks, editorView, launchChromium, paintStroke, signedInContext } from './workspace/browser.ts';
import { closeFixtures, createAnnotator, fixtureDb, rleOf, seedProject, storedPixels, userId, type Seeded } from './workspace/fixtures.ts';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const storageDir = inject('storageDir');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await closeFixtures();
});

describe('annotator workspace in headless Chromium', () => {
  it('leases a task, paints strokes, undoes one, finds the draft after a reload, and submits the painted pixels', async () => {
    const author = await createAnnotator(databaseUrl, 'painter');
    // Members only: this project is the painter's alone, so no other test's annotator takes its tasks.
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[256, 256], [256, 256]], attention: true, members: [author.id] });
    const task = seeded.tasks[0]!;
    const { context, page } = await signedInContext(browser, baseUrl, author.email);
    // A quiet console: no error logged and no failed request on an ordinary task (a fresh task's missing draft
    // and the favicon used to be 404s on every task).
    const noise: string[] = [];
    page.on('console', (m) => m.type() === 'error' && noise.push(`console: ${m.text()}`));
    page.on('response', (r) => r.status() >= 400 && noise.push(`${r.status()} ${new URL(r.url()).pathname}`));
    await page.getByTestId(`start-${seeded.projectId}`).click();
    await page.waitForURL(`${baseUrl}/work/tasks/${task.id}`);
    await page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(noise).toEqual([]);

    for (let i = 0; i < 5; i++) await page.keyboard.press(']'); // a wider brush: the comparison is about area, not 1-px edges
    const brush = Number(await page.getByTestId('brush-size').textContent());
    expect(brush).toBeGreaterThan(20);
    const radius = brush / 2;
    const view = await editorView(page);
    expect(view.scale).toBeGreaterThan(1); // a 256² image is fitted up to fill the screen
    const strokes: [number, number][][] = [
      [[40, 60], [200, 60]],
      [[128, 100], [128, 220]],
      [[30, 230], [230, 130]], // undone below
    ];
    for (const s of strokes) await paintStroke(page, view, s);
    await page.keyboard.press('Control+z');
    const status = page.getByTestId('save-status');
    await expect.poll(() => status.getAttribute('data-revision'), { timeout: 15_000 }).toBe('4'); // 3 strokes + 1 undo
    expect(await status.getAttribute('data-status')).toBe('saved');

    await page.reload();
    await page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    expect(await page.getByTestId('save-status').getAttribute('data-revision')).toBe('4');
    const draft = await page.request.get(`${baseUrl}/api/tasks/${task.id}/draft`);
    expect(draft.status()).toBe(200);

    // Submit what the reloaded editor holds: it must be the restored draft, i.e. the two kept strokes.
    await page.keyboard.press('Control+Enter');
    await page.waitForURL((url) => url.pathname !== `/work/tasks/${task.id}`, { timeout: 15_000 });
    const stored = await fixtureDb(databaseUrl).mask.findFirstOrThrow({ where: { taskId: task.id } });
    expect(stored).toMatchObject({ width: 256, height: 256, encoding: 'rle', source: 'human', authorId: author.id, version: 1 });
    const expected = capsuleMask(256, 256, strokes.slice(0, 2).map((points) => ({ points, radius })));
    const diff = compareMasks(256, 256, storedPixels(stored), expected);
    expect(diff.farFromEdge).toBe(0);
    // Pointer positions land between pixel centres, so the edge may move by a pixel: a thin band, never more.
    expect(diff.differ / diff.area).toBeLessThan(0.1);
    expect((await fixtureDb(databaseUrl).annotationTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('submitted');
    // The editor moved on to the project's next task.
    expect(page.url()).toBe(`${baseUrl}/work/tasks/${seeded.tasks[1]!.id}`);
    await context.close();
  });

  it('keeps painting offline, shows it, and saves once the network is back', async () => {
    const author = await createAnnotator(databaseUrl, 'offline');
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[200, 150]], members: [author.id] });
    const { context, page } = await signedInContext(browser, baseUrl, author.email);
    await page.getByTestId(`start-${seeded.projectId}`).click();
    await page.waitForURL(`${baseUrl}/work/tasks/${seeded.tasks[0]!.id}`);
    await page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    const view = await editorView(page);
    const status = page.getByTestId('save-status');
    await paintStroke(page, view, [[20, 20], [180, 40]]);
    await expect.poll(() => status.getAttribute('data-revision'), { timeout: 10_000 }).toBe('1');
    await context.setOffline(true);
    await paintStroke(page, view, [[20, 120], [180, 100]]);
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('retrying');
    expect(await status.textContent()).toContain('Offline — retrying');
    await context.setOffline(false);
    await expect.poll(() => status.getAttribute('data-revision'), { timeout: 15_000 }).toBe('2');
    expect(await status.getAttribute('data-status')).toBe('saved');
    const draft = await fixtureDb(databaseUrl).draft.findFirstOrThrow({ where: { taskId: seeded.tasks[0]!.id } });
    expect(draft.revision).toBe(2);
    await context.close();
  });

  it('submits "no visible forgery" and skips with a reason, by keyboard', async () => {
    const author = await createAnnotator(databaseUrl, 'keys');
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[96, 96], [96, 96]], members: [author.id] });
    const [first, second] = seeded.tasks as [Seeded['tasks'][number], Seeded['tasks'][number]];
    const { context, page } = await signedInContext(browser, baseUrl, author.email);
    await page.getByTestId(`start-${seeded.projectId}`).click();
    await page.waitForURL(`${baseUrl}/work/tasks/${first.id}`);
    await page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    await page.keyboard.press('n');
    await page.waitForURL(`${baseUrl}/work/tasks/${second.id}`);
    await page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    await page.keyboard.press('s');
    await page.getByRole('dialog', { name: 'Skip this task' }).waitFor();
    await page.getByLabel('Other').check();
    await page.getByLabel('Reason').fill('face is cut off');
    await page.getByRole('button', { name: 'Skip task' }).click();
    await page.waitForURL(`${baseUrl}/work?done=1`);
    const db = fixtureDb(databaseUrl);
    expect(await db.mask.findFirstOrThrow({ where: { taskId: first.id } })).toMatchObject({ noForgery: true, area: 0 });
    expect(await db.annotationTask.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: 'skipped', skipReason: 'face is cut off' });
    await context.close();
  });

  it('never gives two browser contexts the same task', async () => {
    const [a, b] = [await createAnnotator(databaseUrl, 'ctx-a'), await createAnnotator(databaseUrl, 'ctx-b')];
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[64, 64], [64, 64], [64, 64]], members: [a.id, b.id] });
    const sessions = await Promise.all([signedInContext(browser, baseUrl, a.email), signedInContext(browser, baseUrl, b.email)]);
    const lease = (page: (typeof sessions)[number]['page']) =>
      page.evaluate(async (projectId) => {
        const res = await fetch('/api/tasks/next', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ projectId }) });
        return ((await res.json()) as { task: { id: string } }).task.id;
      }, seeded.projectId);
    const ids = await Promise.all(sessions.map((s) => lease(s.page)));
    expect(new Set(ids).size).toBe(2);
    // Opening the other's task in the editor is refused.
    await sessions[1]!.page.goto(`${baseUrl}/work/tasks/${ids[0]}`);
    await sessions[1]!.page.getByTestId('task-unavailable').waitFor();
    for (const s of sessions) await s.context.close();
  });

  it('lets a reviewer accept one mask and reject another, which returns to its author', async () => {
    const author = await createAnnotator(databaseUrl, 'reviewed');
    const reviewerId = await userId(databaseUrl, USERS.reviewer.email);
    const seeded = await seedProject({ databaseUrl, storageDir, sizes: [[128, 96], [128, 96]], members: [author.id, reviewerId] });
    const { context, page } = await signedInContext(browser, baseUrl, author.email);
    for (let i = 0; i < 2; i++) {
      const next = await page.request.post(`${baseUrl}/api/tasks/next`, { data: { projectId: seeded.projectId } });
      const { task } = (await next.json()) as { task: { id: string; leaseToken: string } };
      const res = await page.request.post(`${baseUrl}/api/tasks/${task.id}/submit`, {
        data: { leaseToken: task.leaseToken, clientId: crypto.randomUUID(), mask: rleOf(128, 96, (x) => x < 10 * (i + 1)) },
      });
      expect(res.status()).toBe(201);
    }
    await context.close();

    const reviewer = await signedInContext(browser, baseUrl, USERS.reviewer.email);
    const rp = reviewer.page;
    const masks = await fixtureDb(databaseUrl).mask.findMany({ where: { task: { projectId: seeded.projectId } }, orderBy: { area: 'asc' } });
    expect(masks).toHaveLength(2);

    await rp.goto(`${baseUrl}/review`);
    const queue = rp.getByTestId('review-queue');
    for (const m of masks) expect(await queue.locator(`a[href="/review/${m.id}"]`).count()).toBe(1);
    await queue.locator(`a[href="/review/${masks[0]!.id}"]`).click();
    await rp.getByTestId('review-panel').waitFor();
    await rp.getByRole('button', { name: 'Accept' }).click();
    await rp.waitForURL(`${baseUrl}/review/${masks[1]!.id}`); // on to the next in the queue

    await rp.getByTestId('review-panel').waitFor();
    await rp.getByRole('button', { name: 'Reject' }).click();
    expect(await rp.getByRole('button', { name: 'Send rejection' }).isDisabled()).toBe(true); // a comment is required
    await rp.getByLabel('Comment').fill('The forged region is larger: include the jaw line.');
    await rp.getByRole('button', { name: 'Send rejection' }).click();
    await rp.waitForURL(`${baseUrl}/review`);
    await reviewer.context.close();

    const db = fixtureDb(databaseUrl);
    const reviewed = (id: string) => db.mask.findUniqueOrThrow({ where: { id }, include: { task: true } });
    const [accepted, rejected] = [await reviewed(masks[0]!.id), await reviewed(masks[1]!.id)];
    expect(accepted).toMatchObject({ review: 'accepted', task: { status: 'accepted' } });
    expect(rejected).toMatchObject({ review: 'rejected', reviewNote: 'The forged region is larger: include the jaw line.', task: { status: 'queued', assigneeId: author.id } });
    expect(await db.auditEvent.count({ where: { action: { in: ['mask.accept', 'mask.reject'] }, targetId: { in: masks.map((m) => m.id) } } })).toBe(2);

    // The author gets the rejected task back (with the comment), and sees the review in "My work".
    const again = await signedInContext(browser, baseUrl, author.email);
    await again.page.getByTestId(`start-${seeded.projectId}`).click();
    await again.page.waitForURL(`${baseUrl}/work/tasks/${rejected.taskId}`);
    await expect.poll(() => again.page.getByTestId('submit-status').textContent()).toContain('include the jaw line');
    // …and continues from the rejected mask rather than an empty canvas.
    const base = await again.page.request.get(`${baseUrl}/api/tasks/${rejected.taskId}/draft`);
    expect(await base.json()).toMatchObject({ draft: { revision: 0, rework: true, mask: { size: [96, 128] } } });
    await again.page.goto(`${baseUrl}/work/mine`);
    expect(await again.page.getByTestId('done-today').textContent()).toBe('2');
    expect(await again.page.getByTestId('acceptance-rate').textContent()).toBe('50%');
    await again.context.close();
  });
});
