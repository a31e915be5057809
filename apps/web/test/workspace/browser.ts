// Browser helpers for the workspace tests: Debian's chromium, sign-in through the real form, and mouse
// strokes given in image pixels (converted with the editor's current view).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PASSWORD } from '../users.ts';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Open `path` anonymously, get sent to sign-in, sign in through the real form and land back on `path`. */
export async function signInThroughRedirect(page: Page, baseUrl: string, path: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/signin/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}${path}`);
}

export async function signedInContext(browser: Browser, baseUrl: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signin?callbackUrl=%2Fwork`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/work`);
  return { context, page };
}

export interface ViewInfo {
  scale: number;
  x: number;
  y: number;
  left: number;
  top: number;
}

export async function editorView(page: Page): Promise<ViewInfo> {
  const canvas = page.getByTestId('editor-canvas');
  const box = (await canvas.boundingBox())!;
  const attr = async (name: string) => Number(await canvas.getAttribute(name));
  return { scale: await attr('data-view-scale'), x: await attr('data-view-x'), y: await attr('data-view-y'), left: box.x, top: box.y };
}

export function toScreen(v: ViewInfo, p: [number, number]): [number, number] {
  return [v.left + v.x + p[0] * v.scale, v.top + v.y + p[1] * v.scale];
}

/** Drags the mouse through image-pixel points (straight segments, `steps` moves each). */
export async function paintStroke(page: Page, v: ViewInfo, points: [number, number][], steps = 12): Promise<void> {
  const [first, ...rest] = points.map((p) => toScreen(v, p));
  await page.mouse.move(...first!);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(...p, { steps });
  await page.mouse.up();
}

/** Pixels within `radius` of the polyline through `points` (pixel centres), the ideal painted stroke. */
export function capsuleMask(width: number, height: number, strokes: { points: [number, number][]; radius: number }[]): Uint8Array {
  const out = new Uint8Array(width * height);
  for (const { points, radius } of strokes) {
    for (let i = 0; i < points.length; i++) {
      const a = points[i]!;
      const b = points[Math.min(i + 1, points.length - 1)]!;
      const x0 = Math.max(0, Math.floor(Math.min(a[0], b[0]) - radius - 1));
      const x1 = Math.min(width - 1, Math.ceil(Math.max(a[0], b[0]) + radius + 1));
      const y0 = Math.max(0, Math.floor(Math.min(a[1], b[1]) - radius - 1));
      const y1 = Math.min(height - 1, Math.ceil(Math.max(a[1], b[1]) + radius + 1));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          if (distanceToSegment(x + 0.5, y + 0.5, a, b) <= radius) out[y * width + x] = 1;
        }
      }
    }
  }
  return out;
}

function distanceToSegment(px: number, py: number, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / len2));
  return Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
}

/** Pixels that differ, and those of them farther than `band` pixels from any set pixel of either mask's edge. */
export function compareMasks(width: number, height: number, actual: Uint8Array, expected: Uint8Array, band = 2) {
  let differ = 0;
  let farFromEdge = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (actual[i] === expected[i]) continue;
      differ++;
      // Antialiasing / pointer rounding only moves the edge: a differing pixel must have a neighbour of the other value in expected nearby.
      let nearEdge = false;
      for (let yy = Math.max(0, y - band); yy <= Math.min(height - 1, y + band) && !nearEdge; yy++) {
        for (let xx = Math.max(0, x - band); xx <= Math.min(width - 1, x + band) && !nearEdge; xx++) {
          if (expected[yy * width + xx] !== expected[i]) nearEdge = true;
        }
      }
      if (!nearEdge) farFromEdge++;
    }
  }
  let area = 0;
  for (const v of expected) area += v;
  return { differ, farFromEdge, area };
}
