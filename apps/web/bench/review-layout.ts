// Review page layout with the reviewer's correction tools open, in headless Chromium against the production
// server (npx tsx ../../scripts/with-services.ts tsx bench/review-layout.ts; needs the build): prints the
// toolbar's height and the canvas width at 1440 and 1024 px, and writes reports/screenshots/review-correcting-<width>.png.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '@lae-studio/auth';
import { createUser } from '@lae-studio/db';
import { closeFixtures, createAnnotator, fixtureDb, seedProject } from '../test/workspace/fixtures.ts';
import { editorView, launchChromium, paintStroke, signedInContext } from '../test/workspace/browser.ts';
import { PASSWORD } from '../test/users.ts';
import { startServer } from './server.ts';

const shots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reports/screenshots');

async function main() {
  const server = await startServer();
  const browser = await launchChromium();
  try {
    const annotator = await createAnnotator(server.databaseUrl, 'layout');
    const reviewerEmail = `reviewer-${randomBytes(3).toString('hex')}@test.lae`;
    const reviewer = await createUser(fixtureDb(server.databaseUrl), { email: reviewerEmail, role: 'reviewer', passwordHash: await hashPassword(PASSWORD) });
    const seeded = await seedProject({ databaseUrl: server.databaseUrl, storageDir: server.storageDir, sizes: [[512, 512]], attention: true, members: [annotator.id, reviewer.id] });
    const a = await signedInContext(browser, server.baseUrl, annotator.email);
    await a.page.goto(`${server.baseUrl}/work/tasks/${seeded.tasks[0]!.id}`);
    await a.page.getByTestId('editor-canvas').locator('canvas').first().waitFor();
    await paintStroke(a.page, await editorView(a.page), [[100, 200], [400, 260]]);
    await a.page.keyboard.press('Control+Enter');
    await a.page.waitForURL((u) => !u.pathname.includes('/tasks/'), { timeout: 15_000 });
    const mask = await fixtureDb(server.databaseUrl).mask.findFirstOrThrow({ where: { taskId: seeded.tasks[0]!.id } });

    const r = await signedInContext(browser, server.baseUrl, reviewerEmail);
    for (const width of [1440, 1024]) {
      await r.page.setViewportSize({ width, height: 900 });
      await r.page.goto(`${server.baseUrl}/review/${mask.id}`);
      await r.page.getByTestId('review-panel').locator('canvas').first().waitFor();
      await r.page.keyboard.press('e'); // correction tools
      await r.page.getByRole('toolbar', { name: 'Editor tools' }).waitFor();
      await r.page.waitForTimeout(300);
      const toolbar = (await r.page.getByRole('toolbar', { name: 'Editor tools' }).boundingBox())!;
      const canvas = (await r.page.getByTestId('editor-canvas').boundingBox())!;
      const overflow = await r.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      console.log(`${width} px: toolbar ${toolbar.width.toFixed(0)} × ${toolbar.height.toFixed(0)} px, canvas ${canvas.width.toFixed(0)} px wide, horizontal overflow ${overflow} px`);
      await r.page.screenshot({ path: path.join(shots, `review-correcting-${width}.png`) });
    }
  } finally {
    await browser.close();
    await closeFixtures();
    await server.stop();
  }
}

await main();
