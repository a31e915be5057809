// `npm test`: provide PostgreSQL and Redis, then run every package's tests through Turborepo.
// Services: TEST_DATABASE_URL / DATABASE_URL and REDIS_URL when set (CI sets them to the machine's
// servers); otherwise the embedded ones `npm start` uses (started here, or attached to if running).
// Each test file makes its own database and Redis namespace, so nothing collides.
import { spawn } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFfmpeg, ensureOsCommand, ensureServices } from '@lae-studio/services';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = '.vitest-results.json';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  /** Per file; a file whose setup failed (e.g. beforeAll threw) is 'failed' with its tests counted as skipped. */
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
  numPendingTests: number;
  numTodoTests: number;
}

async function main(): Promise<number> {
  const started = Date.now();
  // The browser tests drive the OS's Chromium (npm's browser downloads do not work offline): say so up front.
  ensureOsCommand({
    command: 'chromium',
    debianPackage: 'chromium',
    howToInstall: '  Debian/Ubuntu: sudo apt-get install -y chromium\n  (the browser tests drive it through playwright-core at /usr/bin/chromium)',
    log: (l) => console.log(`[chromium] ${l}`),
  });
  // The video importer's tests decode videos they make with the OS's ffmpeg.
  ensureFfmpeg((l) => console.log(`[ffmpeg] ${l}`));
  const services = await ensureServices({
    repoRoot: root,
    env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL },
    log: (s, l) => console.log(`[${s}] ${l}`),
  });
  // Workspaces are apps/* and packages/* (package.json).
  const dirs = (await Promise.all(['apps', 'packages'].map(async (g) => (await readdir(path.join(root, g))).map((d) => path.join(g, d))))).flat();
  await Promise.all(dirs.map((d) => rm(path.join(root, d, RESULTS), { force: true })));

  const extraArgs = process.argv.slice(2);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/turbo'),
      ['run', 'test', '--continue', '--concurrency=2', '--env-mode=loose', '--output-logs=full', ...extraArgs, '--', '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}`],
      {
        cwd: root,
        stdio: 'inherit',
        env: {
          ...process.env,
          TEST_DATABASE_URL: services.databaseUrl,
          REDIS_URL: services.redisUrl,
          TURBO_TELEMETRY_DISABLED: '1',
          NEXT_TELEMETRY_DISABLED: '1',
        },
      },
    );
    child.on('exit', (c) => resolve(c ?? 1));
  });
  await services.stop();

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const brokenFiles: string[] = [];
  for (const d of dirs) {
    const json = await readFile(path.join(root, d, RESULTS), 'utf8').catch(() => null);
    if (!json) continue;
    const r = JSON.parse(json) as VitestJson;
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    for (const f of r.testResults) {
      if (f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')) {
        brokenFiles.push(`${path.relative(root, f.name)} (${(f.message ?? '').split('\n')[0]?.slice(0, 160)})`);
      }
    }
  }
  console.log(`\nnpm test: ${((Date.now() - started) / 1000).toFixed(1)} s wall`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (brokenFiles.length) console.log(`FAILED: ${brokenFiles.length} test file(s) could not run (their tests are counted as skipped):\n  ${brokenFiles.join('\n  ')}`);
  return code !== 0 ? code : failed > 0 || brokenFiles.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
