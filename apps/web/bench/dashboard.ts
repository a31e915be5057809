// Dashboard benchmark: server-render time of the admin pages for a project with 50,000 samples and 2,000
// masks, against the production build (`next start`) and a scratch PostgreSQL database.
//   npm run bench:dashboard -w @lae-studio/web   (embedded services, or TEST_DATABASE_URL / REDIS_URL when set)
// Options (env): BENCH_SAMPLES (50000), BENCH_MASKS (2000), BENCH_RUNS (15).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '@lae-studio/auth';
import { createUser, getProjectOverview, type Db } from '@lae-studio/db';
import { createTestDatabase } from '@lae-studio/db/testing';
import { freePort } from '@lae-studio/services';
import { HttpSession } from '@lae-studio/auth/http-session';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50_000);
const MASKS = Number(process.env.BENCH_MASKS ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MANIPULATIONS = ['region-swap-feather', 'region-swap-poisson', 'attribute-edit', 'inpaint-fill'];

const id = (prefix: string, i: number) => `${prefix}${i.toString(36).padStart(7, '0')}`;

async function seed(db: Db, projectId: string): Promise<void> {
  const t0 = performance.now();
  const CHUNK = 5_000;
  for (let start = 0; start < SAMPLES; start += CHUNK) {
    const rows = [];
    for (let i = start; i < Math.min(SAMPLES, start + CHUNK); i++) {
      const split = i % 10 < 6 ? 'train' : i % 10 < 7 ? 'val' : 'test';
      const fake = i % 2 === 1;
      const manipulation = fake ? MANIPULATIONS[split === 'test' ? (i >> 1) % 4 : (i >> 1) % 2]! : null;
      rows.push({
        id: id('s', i),
        projectId,
        storageKey: `bench/${i}`,
        contentHash: `h${i}`,
        width: 128,
        height: 128,
        label: fake ? ('fake' as const) : ('real' as const),
        manipulation,
        split: split as 'train' | 'val' | 'test',
        novelty: manipulation && MANIPULATIONS.indexOf(manipulation) >= 2 ? ('unseen' as const) : ('seen' as const),
      });
    }
    await db.sample.createMany({ data: rows });
  }
  // Rounds with a model each (metrics for the learning curve) and tasks for the masked samples.
  const rounds = 5;
  for (let r = 0; r < rounds; r++) {
    await db.round.create({ data: { id: id('r', r), projectId, number: r, status: 'completed', strategy: r ? 'margin' : 'random', budget: MASKS / rounds, completedAt: new Date() } });
    const share = ((r + 1) * MASKS) / rounds / (SAMPLES * 0.3);
    await db.modelVersion.create({
      data: {
        id: id('m', r),
        projectId,
        roundId: id('r', r),
        status: 'ready',
        backend: 'wasm',
        config: { imageSize: 128 },
        dataSummary: { masked: ((r + 1) * MASKS) / rounds, train: SAMPLES * 0.6 },
        metrics: { seen: { n: 5000, accuracy: 0.9, auc: 0.95, eer: 0.1, attentionIoU: 0.3, pointingGame: 0.6 }, unseen: { n: 5000, accuracy: 0.6 + r * 0.03, auc: 0.65 + r * 0.03, eer: 0.35, attentionIoU: 0.2, pointingGame: 0.4 }, maskedShare: share, masks: ((r + 1) * MASKS) / rounds },
      },
    });
  }
  // Train fakes are the odd ids with i % 10 < 6.
  const trainFakes: number[] = [];
  for (let i = 1; i < SAMPLES && trainFakes.length < MASKS; i += 2) if (i % 10 < 6) trainFakes.push(i);
  for (let start = 0; start < trainFakes.length; start += CHUNK) {
    const slice = trainFakes.slice(start, start + CHUNK);
    await db.annotationTask.createMany({ data: slice.map((i, k) => ({ id: id('t', i), projectId, roundId: id('r', Math.floor(((start + k) * rounds) / MASKS)), sampleId: id('s', i), status: 'accepted' as const, submittedAt: new Date() })) });
    await db.mask.createMany({
      data: slice.map((i) => ({ sampleId: id('s', i), taskId: id('t', i), version: 1, source: 'oracle' as const, encoding: 'rle' as const, data: new TextEncoder().encode('0 16384'), width: 128, height: 128, area: 0, review: 'accepted' as const })),
    });
  }
  await db.$executeRawUnsafe('ANALYZE');
  console.log(`seeded ${SAMPLES} samples, ${trainFakes.length} masks + tasks, ${rounds} rounds/models in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p95: q(0.95), min: s[0]! };
};

async function main() {
  if (!existsSync(path.join(appDir, '.next', 'BUILD_ID'))) throw new Error('Build first: npx turbo run build --filter=@lae-studio/web');
  const t = await createTestDatabase();
  const email = 'bench-admin@lae.local';
  const password = randomBytes(12).toString('base64url');
  await createUser(t.db, { email, role: 'admin', passwordHash: await hashPassword(password) });
  const project = await t.db.project.create({ data: { name: 'Bench 50k', slug: 'bench-50k' } });
  await seed(t.db, project.id);

  // The query layer alone (what the overview page awaits).
  const q: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await getProjectOverview(t.db, { projectId: project.id });
    q.push(performance.now() - t0);
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: t.url, NEXTAUTH_SECRET: randomBytes(24).toString('hex'), NEXTAUTH_URL: baseUrl, LAE_REDIS_PREFIX: `bench-${randomBytes(3).toString('hex')}`, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  try {
    for (const deadline = Date.now() + 60_000; ; ) {
      if (await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error('next start did not come up');
      await new Promise((r) => setTimeout(r, 200));
    }
    const s = new HttpSession(baseUrl);
    const err = await s.signIn(email, password);
    if (err) throw new Error(`sign-in failed: ${err}`);
    const pages = {
      overview: `/admin/projects/${project.id}`,
      rounds: `/admin/projects/${project.id}/rounds`,
      models: `/admin/projects/${project.id}/models`,
      'data (unfiltered page 1)': `/admin/projects/${project.id}/data`,
      'data (train fakes, unmasked, page 20)': `/admin/projects/${project.id}/data?split=train&label=fake&masked=no&page=20`,
      projects: '/admin',
    };
    console.log(`\nserver render (full HTML response, ${RUNS} runs after 2 warm-ups), ${SAMPLES} samples / ${MASKS} masks:`);
    console.log(`  getProjectOverview (queries only)      median ${stats(q).median.toFixed(1)} ms, p95 ${stats(q).p95.toFixed(1)} ms`);
    for (const [name, url] of Object.entries(pages)) {
      const ms: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        const t0 = performance.now();
        const res = await s.fetch(url);
        await res.text();
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        if (i >= 2) ms.push(performance.now() - t0);
      }
      const st = stats(ms);
      console.log(`  ${name.padEnd(38)} median ${st.median.toFixed(1)} ms, p95 ${st.p95.toFixed(1)} ms, min ${st.min.toFixed(1)} ms`);
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await t.drop();
  }
}

await main();
