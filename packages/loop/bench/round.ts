// `npm run bench:round`: wall time of demo-project rounds by phase (round 0: random cold start; round 1:
// scoring the pool with round 0's model). Scratch database on TEST_DATABASE_URL/DATABASE_URL, scratch storage.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStorage } from '@lae-studio/datasets';
import { createScratchDatabase, testServerUrl } from '@lae-studio/db/testing';
import { generateIntoProject } from '@lae-studio/project-data';
import { runRounds, silentLogger } from '../src/index.ts';

const threads = Number(process.env.LAE_WORKER_THREADS ?? 2);
const scratch = await createScratchDatabase(testServerUrl(), { prefix: 'lae_bench' });
const dir = await mkdtemp(path.join(tmpdir(), 'lae-bench-round-'));
try {
  const storage = new LocalStorage(dir);
  // The demo project as `npm start` seeds it: face swap, 64×64, 1000/200/400 images, default model and budgets.
  const project = await scratch.db.project.create({ data: { name: 'demo', slug: 'demo', imageSize: 64 } });
  let t = Date.now();
  await generateIntoProject(scratch.db, storage, { projectId: project.id, preset: 'face-swap', overrides: { seed: 1, size: 64, counts: { train: 1000, val: 200, test: 400 } } });
  console.log(`generate 1600 images: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  const points = await runRounds({ db: scratch.db, storage, log: silentLogger, threads }, project.id, 2, (p) =>
    console.log(
      `round ${p.round}: ${p.seconds.toFixed(1)} s total — ${Object.entries(p.phases)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')} — unseen acc ${p.metrics.unseen?.accuracy.toFixed(3)}, seen acc ${p.metrics.seen?.accuracy.toFixed(3)}`,
    ),
  );
  console.log(`\n${points.length} rounds in ${((Date.now() - t) / 1000).toFixed(1)} s on ${cpus().length}× ${cpus()[0]?.model.trim()}, ${threads} LAE thread(s)`);
} finally {
  await scratch.drop();
  await rm(dir, { recursive: true, force: true });
}
