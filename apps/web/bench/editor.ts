// Editor benchmark in headless Chromium against the production server (npm run bench:editor -w @lae-studio/web;
// needs the build, TEST_DATABASE_URL or DATABASE_URL, and REDIS_URL, like the tests). Prints:
//  - frame work while painting a scripted 200-point stroke on a 1024×1024 image (per animation frame: pointer
//    batch → dabs → dirty-rectangle repaint → Konva draw), p50/p95/max, and the rAF interval p95;
//  - autosave round trip (PUT draft), p50/p95 over 30 strokes;
//  - bytes per stored mask (COCO RLE) for typical masks.
import type { Page } from 'playwright-core';
import { closeFixtures, createAnnotator, fixtureDb, seedProject } from '../test/workspace/fixtures.ts';
import { editorView, launchChromium, paintStroke, signedInContext, toScreen } from '../test/workspace/browser.ts';
import { startServer } from './server.ts';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const ms = (v: number) => `${v.toFixed(2)} ms`;

async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate<number[]>(`performance.getEntriesByName(${JSON.stringify(name)}).map((e) => e.duration)`);
}

async function openEditor(page: Page, baseUrl: string, taskId: string) {
  await page.goto(`${baseUrl}/work/tasks/${taskId}?perf=1`);
  await page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
  await page.waitForTimeout(300);
}

async function main() {
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const user = await createAnnotator(server.databaseUrl, 'bench');
    const seeded = await seedProject({ databaseUrl: server.databaseUrl, storageDir: server.storageDir, sizes: [[1024, 1024], [1024, 1024]], attention: true, members: [user.id] });
    const { context, page } = await signedInContext(browser, server.baseUrl, user.email);
    const lease = await page.request.post(`${server.baseUrl}/api/tasks/next`, { data: { projectId: seeded.projectId } });
    const task = ((await lease.json()) as { task: { id: string; leaseToken: string } }).task;
    await openEditor(page, server.baseUrl, task.id);
    const view = await editorView(page);
    const brush = Number(await page.getByTestId('brush-size').textContent());

    // 1. A 200-point stroke (a loop around the face region), one mouse event per point.
    // (Page scripts as strings: tsx would wrap functions with a helper the page does not have.)
    await page.evaluate(`(() => {
      window.__raf = [];
      let last = performance.now();
      const tick = (t) => { window.__raf.push(t - last); last = t; if (window.__raf.length < 100000) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const points: [number, number][] = Array.from({ length: 200 }, (_, i) => {
      const a = (i / 199) * Math.PI * 2;
      return [512 + 300 * Math.cos(a) + 40 * Math.sin(5 * a), 512 + 340 * Math.sin(a)];
    });
    const screen = points.map((p) => toScreen(view, p));
    await page.evaluate('performance.clearMeasures()');
    await page.mouse.move(...screen[0]!);
    await page.mouse.down();
    const t0 = Date.now();
    await page.evaluate('window.__raf = []');
    for (const p of screen.slice(1)) await page.mouse.move(...p);
    const strokeMs = Date.now() - t0;
    await page.mouse.up();
    await page.waitForTimeout(200);
    const frames = await measures(page, 'lae-frame');
    const raf = await page.evaluate<number[]>('window.__raf.slice(1)');

    // 1b. The same stroke delivered in bursts of 20 points per animation frame (a busy main thread or a
    // 240 Hz pointer): synthetic pointer events dispatched from inside requestAnimationFrame.
    await page.keyboard.press('Control+z');
    await page.evaluate('performance.clearMeasures()');
    await page.evaluate(`new Promise((done) => {
      const el = document.querySelector('[data-testid=editor-canvas]');
      const pts = ${JSON.stringify(screen)};
      const ev = (type, [x, y]) => el.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 7, button: 0, buttons: 1, bubbles: true, isPrimary: true }));
      ev('pointerdown', pts[0]);
      let i = 1;
      const step = () => {
        for (const end = Math.min(pts.length, i + 20); i < end; i++) ev('pointermove', pts[i]);
        if (i < pts.length) requestAnimationFrame(step);
        else requestAnimationFrame(() => { ev('pointerup', pts[pts.length - 1]); done(); });
      };
      requestAnimationFrame(step);
    })`);
    await page.waitForTimeout(200);
    const burst = await measures(page, 'lae-frame');

    // 1c. The other tools on the same 1024² image: input → the next painted frame, per use (work + one frame).
    // Two figures per use: the latency to the second animation frame (includes waiting for vsync, so never
    // below one frame interval), and the main-thread work it caused: the input handler with the microtasks
    // it queued (React's re-render of the toolbar) plus the repaint frame ('lae-frame'), which is what must
    // fit in a 16 ms frame.
    const untilPainted = (script: string) =>
      page.evaluate<[number, number]>(`new Promise(async (done) => {
        const el = document.querySelector('[data-testid=editor-canvas]');
        const ev = (type, [x, y], extra = {}) => el.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 9, button: 0, buttons: 1, bubbles: true, isPrimary: true, ...extra }));
        const key = (k, shift = false) => window.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey: shift, bubbles: true }));
        performance.clearMeasures('lae-frame');
        const t = performance.now();
        ${script}
        for (let i = 0; i < 4; i++) await null; // after the microtasks the handler queued
        const handler = performance.now() - t;
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const frames = performance.getEntriesByName('lae-frame').reduce((sum, e) => sum + e.duration, 0);
          done([performance.now() - t, handler + frames]);
        }));
      })`);
    const lassoPts = Array.from({ length: 120 }, (_, i) => {
      const a = (i / 119) * Math.PI * 2;
      return toScreen(view, [512 + 380 * Math.cos(a), 512 + 300 * Math.sin(a)]);
    });
    await page.keyboard.press('l');
    await page.evaluate('performance.clearMeasures()');
    await page.evaluate('window.__raf = []');
    await page.mouse.move(...lassoPts[0]!);
    await page.mouse.down();
    for (const p of lassoPts.slice(1)) await page.mouse.move(...p);
    const lassoRaf = await page.evaluate<number[]>('window.__raf.slice(1)');
    await page.mouse.up();
    await page.waitForTimeout(200);
    const lassoFill = await measures(page, 'lae-frame');
    const tools: Record<string, number[]> = { 'lasso release (fill ~36% of the image)': lassoFill, 'flood fill click': [], 'grow 2 px (G)': [], 'shrink 2 px (Shift G)': [] };
    const work: Record<string, number[]> = { 'flood fill click': [], 'grow 2 px (G)': [], 'shrink 2 px (Shift G)': [] };
    const use = async (name: string, script: string) => {
      const [latency, mainThread] = await untilPainted(script);
      tools[name]!.push(latency);
      work[name]!.push(mainThread);
    };
    await page.keyboard.press('f');
    // BENCH_TOOL_USES (default 5) repeats each tool more often, for a p95 that is not just the maximum.
    const uses = Number(process.env.BENCH_TOOL_USES ?? 5);
    for (let i = 0; i < uses; i++) {
      const [x, y] = toScreen(view, [100 + (i % 5) * 150, 900]);
      await use('flood fill click', `ev('pointerdown', [${x}, ${y}]); ev('pointerup', [${x}, ${y}]);`);
      await use('grow 2 px (G)', `key('g');`);
      await use('shrink 2 px (Shift G)', `key('G', true);`);
    }
    for (let i = 0; i < 3 * uses + 1; i++) await page.keyboard.press('Control+z');
    await page.keyboard.press('b');

    // 2. Autosave round trips: 30 short strokes, each followed by its save.
    await page.locator('[data-testid=save-status][data-status=saved]').waitFor({ timeout: 10_000 });
    const base = Number(await page.getByTestId('save-status').getAttribute('data-revision'));
    await page.evaluate('performance.clearMeasures()');
    for (let i = 0; i < 30; i++) {
      const y = 100 + i * 25;
      await paintStroke(page, view, [[80, y], [300, y + 10]], 4);
      // Everything before (strokes, tools, undos) was saved up to revision `base`: wait for this stroke's.
      await page.locator(`[data-testid=save-status][data-status=saved][data-revision="${base + i + 1}"]`).waitFor({ timeout: 10_000 });
    }
    const saves = await measures(page, 'lae-autosave');

    // 3. Bytes per stored mask: submit the painted mask (loop + strokes), then a prefill from the attention map.
    await page.keyboard.press('Control+Enter');
    await page.waitForURL((u) => !u.pathname.endsWith(task.id), { timeout: 15_000 });
    const painted = await fixtureDb(server.databaseUrl).mask.findFirstOrThrow({ where: { taskId: task.id } });
    const next = seeded.tasks[1]!.id;
    await page.waitForURL(`${server.baseUrl}/work/tasks/${next}`);
    await page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    await page.keyboard.press('p');
    await page.waitForTimeout(200);
    await page.keyboard.press('Control+Enter');
    await page.waitForURL((u) => !u.pathname.endsWith(next), { timeout: 15_000 });
    const prefilled = await fixtureDb(server.databaseUrl).mask.findFirstOrThrow({ where: { taskId: next } });
    await context.close();

    const pixels = 1024 * 1024;
    console.log(`editor benchmark — 1024×1024 image, brush ${brush} px, view scale ${view.scale.toFixed(3)}, Chromium headless (--disable-gpu)`);
    console.log(`  200-point stroke: ${frames.length} frames in ${strokeMs} ms of input (${(199 / Math.max(1, frames.length)).toFixed(1)} points/frame)`);
    console.log(`  frame work (pointer batch → dabs → dirty-rect repaint → Konva draw): p50 ${ms(pct(frames, 50))}, p95 ${ms(pct(frames, 95))}, max ${ms(Math.max(...frames))}  (target p95 ≤ 16 ms)`);
    console.log(`  same stroke in bursts of 20 points/frame: ${burst.length} frames, frame work p50 ${ms(pct(burst, 50))}, p95 ${ms(pct(burst, 95))}, max ${ms(Math.max(...burst))}`);
    console.log(`  rAF interval while painting: p50 ${ms(pct(raf, 50))}, p95 ${ms(pct(raf, 95))} over ${raf.length} frames`);
    console.log(`  rAF interval while drawing a 120-point lasso outline: p50 ${ms(pct(lassoRaf, 50))}, p95 ${ms(pct(lassoRaf, 95))} over ${lassoRaf.length} frames`);
    for (const [name, xs] of Object.entries(tools)) console.log(`  ${name}: p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, max ${ms(Math.max(...xs))} (${xs.length}×; one-off work + its frame)`);
    for (const [name, xs] of Object.entries(work)) console.log(`  ${name}, main-thread work (handler + repaint frame): p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, max ${ms(Math.max(...xs))}  (target p95 ≤ 16 ms)`);
    console.log(`  autosave round trip (PUT draft, ${saves.length} saves): p50 ${ms(pct(saves, 50))}, p95 ${ms(pct(saves, 95))}  (target p95 ≤ 100 ms)`);
    console.log(`  stored mask, painted (loop + 30 strokes, ${painted.area} px = ${((painted.area / pixels) * 100).toFixed(1)}%): ${painted.data.byteLength} bytes of COCO RLE`);
    console.log(`  stored mask, attention prefill (${prefilled.area} px = ${((prefilled.area / pixels) * 100).toFixed(1)}%): ${prefilled.data.byteLength} bytes of COCO RLE  (raw bitmap: ${pixels / 8} bytes)`);
  } finally {
    await browser.close();
    await closeFixtures();
    await server.stop();
  }
}

await main();
