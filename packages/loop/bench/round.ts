// `npm run bench:round`: round turnaround on the demo project (benchmark v2 face swap, 64², 2,000 / 400 / 2,000
// images, default model and budgets), from scratch against warm-started rounds (train.warmEpochs), same data, one run.
// Turnaround of round n = what a user waits after answering its last task: train + evaluate of round n, then
// score + select of round n + 1 (its tasks queued). Scratch database on TEST_DATABASE_URL/DATABASE_URL.
// Round 0 (a cold start) is trained once and shared by both arms; rounds 1… are timed in each.
// Options: --rounds 2 --warm-epochs 15 --preset face-swap --size 64 --train 2000 --val 400 --test 2000 --threads 2
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStorage, type PresetName } from '@lae-studio/datasets';
import { cloneProjectSamples, createSimulationProject, countSamples, updateProjectSettings, type ModelMetrics } from '@lae-studio/db';
import { createScratchDatabase, testServerUrl } from '@lae-studio/db/testing';
import { backupProject, generateIntoProject, restoreProject } from '@lae-studio/project-data';
import { DecodedImageCache, DEFAULT_IMAGE_CACHE_MIB, loadLabeledSplit, runRounds, silentLogger, stepOpenRound, stepScore, stepSelect, type LoopContext, type NextStep, type RoundPoint } from '../src/index.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const rounds = Number(arg('rounds', '2'));
const warmEpochs = Number(arg('warm-epochs', '15'));
const preset = arg('preset', 'face-swap') as PresetName;
const size = Number(arg('size', '64')) as 64 | 128;
const counts = { train: Number(arg('train', '2000')), val: Number(arg('val', '400')), test: Number(arg('test', '2000')) };
const threads = Number(arg('threads', process.env.LAE_WORKER_THREADS ?? '2'));

interface Arm {
  name: string;
  points: RoundPoint[];
  /** score + select seconds of the round after each one. */
  next: number[];
}

/** Score and select of the next round (its tasks queued), timed; the round is left waiting for masks. */
async function nextRoundTasks(ctx: LoopContext, projectId: string): Promise<number> {
  let queue: NextStep[] = await stepOpenRound(ctx, projectId, 'auto');
  if (queue.length === 0) return NaN; // the budget is spent
  const t = Date.now();
  while (queue.length) {
    const step = queue.shift()!;
    if (step.job === 'score') queue = await stepScore(ctx, step.roundId);
    else if (step.job === 'select') await stepSelect(ctx, step.roundId);
  }
  return (Date.now() - t) / 1000;
}

const scratch = await createScratchDatabase(testServerUrl(), { prefix: 'lae_bench' });
const dir = await mkdtemp(path.join(tmpdir(), 'lae-bench-round-'));
const f1 = (x: number) => x.toFixed(1);
const acc = (m: ModelMetrics['unseen']) => (m ? `${(100 * m.accuracy).toFixed(1)} [${m.accuracyCi ? m.accuracyCi.map((x) => (100 * x).toFixed(1)).join(', ') : '–'}]` : '–');
try {
  const storage = new LocalStorage(dir);
  // As the worker runs it: decoded images stay cached between phases and rounds (both arms alike).
  const ctx: LoopContext = { db: scratch.db, storage, log: silentLogger, threads, images: DecodedImageCache.fromMiB(DEFAULT_IMAGE_CACHE_MIB) };
  const base = await createSimulationProject(scratch.db, { name: 'data', slug: 'data', imageSize: size, modelConfig: {} });
  let t = Date.now();
  await generateIntoProject(scratch.db, storage, { projectId: base.id, preset, overrides: { version: 'v2', seed: 1, size, counts } });
  const trainFakes = await countSamples(scratch.db, { projectId: base.id, split: 'train', label: 'fake' });
  console.log(`generate ${counts.train + counts.val + counts.test} images (${preset} v2, ${size}²): ${f1((Date.now() - t) / 1000)} s`);
  // What the cache saves on every pass over the data (training, scoring, evaluation): a cold read and decode
  // of each image, against the same from memory. This also fills the cache, for both arms alike.
  const readAll = async () => {
    const t0 = Date.now();
    for (const split of ['train', 'val', 'test'] as const) await loadLabeledSplit(ctx, { projectId: base.id, split, reference: false, size });
    return (Date.now() - t0) / 1000;
  };
  const [cold, hot] = [await readAll(), await readAll()];
  console.log(`read all ${counts.train + counts.val + counts.test} images: ${f1(cold)} s from storage, ${f1(hot)} s from the decoded-image cache (${f1(ctx.images!.bytes / 2 ** 20)} MiB)`);

  // Round 0 is a cold start in both arms (no model to warm-start from), so it is trained once: the scratch
  // project runs it, and the warm arm is a copy of that project (backup + restore: same round-0 model, masks and
  // Adam state) with train.warmEpochs set. From round 1 on both arms ask for the same tasks' answers from the
  // same oracle, so they differ only in how they train.
  const timed = (name: string) => (pt: RoundPoint) => console.error(`[bench] ${name} round ${pt.round}: ${f1(pt.seconds)} s (${Object.entries(pt.phases).map(([k, v]) => `${k} ${f1(v)}`).join(', ')})`);
  const budget = { roundBudgetFraction: 15 / trainFakes, totalBudgetFraction: (15 * (rounds + 1)) / trainFakes };
  const scratchProject = await createSimulationProject(scratch.db, { name: 'scratch', slug: 'scratch', imageSize: size, modelConfig: { imageSize: size, train: { warmEpochs: 0 } }, ...budget });
  await cloneProjectSamples(scratch.db, { fromProjectId: base.id, toProjectId: scratchProject.id });
  t = Date.now();
  const round0 = await runRounds(ctx, scratchProject.id, 1, timed('round 0 (shared)'));
  console.error(`[bench] round 0: ${f1((Date.now() - t) / 1000)} s`);
  const backupDir = path.join(dir, 'round0-backup');
  await backupProject(scratch.db, storage, { projectId: scratchProject.id, dir: backupDir });
  const warmName = `warm ${warmEpochs}`;
  const { projectId: warmId } = await restoreProject(scratch.db, storage, { dir: backupDir, asSlug: 'warm' });
  await updateProjectSettings(scratch.db, { projectId: warmId, changes: { name: warmName, modelConfig: { imageSize: size, train: { warmEpochs } } }, actorId: null });

  const arms: Arm[] = [];
  for (const [name, projectId] of [
    ['scratch', scratchProject.id],
    [warmName, warmId],
  ] as const) {
    t = Date.now();
    // runRounds counts from 0; these are rounds 1, 2, … of the project.
    const later = await runRounds(ctx, projectId, rounds - 1, (pt) => timed(name)({ ...pt, round: pt.round + 1 }));
    const points = [round0[0]!, ...later.map((pt) => ({ ...pt, round: pt.round + 1 }))];
    const next = [...points.slice(1).map((pt) => (pt.phases.score ?? 0) + (pt.phases.select ?? 0)), await nextRoundTasks(ctx, projectId)];
    console.error(`[bench] ${name}: ${f1((Date.now() - t) / 1000)} s`);
    arms.push({ name, points, next });
  }

  const [a, b] = arms as [Arm, Arm];
  const turnaround = (arm: Arm, r: number) => {
    const pt = arm.points[r]!;
    return (pt.phases.train ?? 0) + (pt.phases.evaluate ?? 0) + arm.next[r]!;
  };
  console.log(`\nRound turnaround (s): train + evaluate of the round, then score + select of the next; ${cpus().length}× ${cpus()[0]?.model.trim()}, ${threads} LAE thread(s), ${new Date().toISOString().slice(0, 10)}`);
  console.log('round | scratch: train  eval  next  turnaround  unseen acc % [95% CI]   | warm: train  eval  next  turnaround  unseen acc % [95% CI]   | warm/scratch');
  for (let r = 1; r < Math.min(a.points.length, b.points.length); r++) {
    const side = (arm: Arm) => {
      const pt = arm.points[r]!;
      return `${f1(pt.phases.train ?? 0).padStart(6)} ${f1(pt.phases.evaluate ?? 0).padStart(5)} ${f1(arm.next[r]!).padStart(5)} ${f1(turnaround(arm, r)).padStart(11)}  ${acc(pt.metrics.unseen).padEnd(22)}`;
    };
    console.log(`${String(r).padEnd(6)}|         ${side(a)} |      ${side(b)} | ${(turnaround(b, r) / turnaround(a, r)).toFixed(2)}×`);
  }
  const r0 = a.points[0]!;
  console.log(`round 0 (a cold start, no parent; trained once, shared by both arms): train ${f1(r0.phases.train ?? 0)} s, evaluate ${f1(r0.phases.evaluate ?? 0)} s, unseen ${acc(r0.metrics.unseen)}. Warm rounds train ${warmEpochs} epochs from the promoted model's weights and Adam state.`);
} finally {
  await scratch.drop();
  await rm(dir, { recursive: true, force: true });
}
