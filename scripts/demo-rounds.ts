// Two oracle-answered rounds on the demo project of a running `npm start`, then a screenshot of its learning
// curve (the README's picture). Usage, with the platform up:
//   ADMIN_PASSWORD=… npx tsx scripts/demo-rounds.ts [--rounds 2] [--base http://127.0.0.1:3000] [--out reports/screenshots/demo-learning-curve.png]
// Each round: trigger it, wait for its tasks, let the simulation's oracle answer them (the admin action
// "Auto-annotate with ground truth"), wait for the model; then wait for the no-mask baseline.
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { HttpSession } from '@lae-studio/auth/http-session';
import { waitUntil } from '@lae-studio/services';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    base: { type: 'string', default: 'http://127.0.0.1:3000' },
    email: { type: 'string', default: 'admin@lae.local' },
    out: { type: 'string', default: 'reports/screenshots/demo-learning-curve.png' },
  },
});
const password = process.env.ADMIN_PASSWORD;

interface Round {
  id: string;
  number: number;
  status: string;
  tasks: { total: number; open: number };
}

async function main(): Promise<void> {
  if (!password) throw new Error('set ADMIN_PASSWORD (the admin account of the running platform)');
  const http = new HttpSession(args.base);
  const error = await http.signIn(args.email, password);
  if (error) throw new Error(`sign-in failed: ${error}`);
  const { projects } = (await (await http.fetch('/api/admin/projects')).json()) as { projects: { id: string; slug: string; sampleCount: number }[] };
  const demo = projects.find((p) => p.slug === 'demo');
  if (!demo) throw new Error('no demo project');
  const rounds = async () => ((await (await http.fetch(`/api/admin/projects/${demo.id}/rounds`)).json()) as { rounds: Round[] }).rounds;

  for (let n = 0; n < Number(args.rounds); n++) {
    const t0 = Date.now();
    const active = (await rounds()).find((r) => !['completed', 'failed', 'cancelled'].includes(r.status));
    if (!active) await http.fetch(`/api/admin/projects/${demo.id}/rounds`, { method: 'POST' });
    const round = await waitUntil('a round with tasks', async () => (await rounds()).find((r) => r.status === 'annotating' && r.tasks.open > 0), { timeoutMs: 600_000, intervalMs: 2000 });
    const res = await http.fetch(`/api/admin/projects/${demo.id}/rounds/${round.id}/oracle`, { method: 'POST' });
    if (res.status !== 202) throw new Error(`oracle: ${res.status} ${await res.text()}`);
    console.log(`round ${round.number}: ${round.tasks.open} tasks answered by the oracle; training…`);
    await waitUntil(`round ${round.number} completed`, async () => (await rounds()).find((r) => r.id === round.id && r.status === 'completed'), { timeoutMs: 1_800_000, intervalMs: 2000 });
    console.log(`round ${round.number}: completed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.addCookies(
      http
        .cookieHeader()
        .split('; ')
        .map((c) => {
          const i = c.indexOf('=');
          return { name: c.slice(0, i), value: c.slice(i + 1), url: args.base };
        }),
    );
    const page = await context.newPage();
    // The baseline trains after the last round's model: wait for the curve's reference line.
    await waitUntil(
      'the no-mask baseline',
      async () => {
        await page.goto(`${args.base}/admin/projects/${demo.id}/models`);
        return (await page.getByTestId('baseline-note').textContent())?.includes('the no-mask baseline');
      },
      { timeoutMs: 1_800_000, intervalMs: 2000 },
    );
    await page.getByTestId('learning-curve').screenshot({ path: args.out });
    await page.screenshot({ path: args.out.replace(/\.png$/, '-page.png'), fullPage: true });
    console.log(`screenshots: ${args.out} (and -page.png)`);
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
