// Test support (also used by the worker's tests): a tiny synthetic project in a fresh database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStorage } from '@lae-studio/datasets';
import { createTestDatabase, type TestDatabase } from '@lae-studio/db/testing';
import { generateIntoProject } from '@lae-studio/project-data';
import type { LoopContext } from './context.ts';
import { silentLogger } from './context.ts';

export const TINY_MODEL = {
  encoderChannels: [8, 8, 16, 16],
  latentChannels: 4,
  decoderChannels: [8, 8, 8],
  train: { epochs: 2, batchSize: 16, patience: 0 },
  score: { batchSize: 64, mcSamples: 2 },
};

export interface TinyProject {
  t: TestDatabase;
  ctx: LoopContext;
  projectId: string;
  storageDir: string;
  cleanup(): Promise<void>;
}

export async function tinyProject(
  opts: { counts?: { train: number; val: number; test: number }; roundBudgetFraction?: number; totalBudgetFraction?: number; retrainSchedule?: string; epochs?: number; warmEpochs?: number; db?: TestDatabase; promoteAboveChanceOnly?: boolean } = {},
): Promise<TinyProject> {
  const t = opts.db ?? (await createTestDatabase());
  const storageDir = await mkdtemp(path.join(tmpdir(), 'lae-loop-'));
  const storage = new LocalStorage(storageDir);
  const project = await t.db.project.create({
    data: {
      name: 'tiny',
      slug: `tiny-${Math.random().toString(36).slice(2, 8)}`,
      imageSize: 32,
      modelConfig: { ...TINY_MODEL, train: { ...TINY_MODEL.train, epochs: opts.epochs ?? TINY_MODEL.train.epochs, warmEpochs: opts.warmEpochs ?? 0 } },
      roundBudgetFraction: opts.roundBudgetFraction ?? 0.1,
      totalBudgetFraction: opts.totalBudgetFraction ?? 0.3,
      retrainSchedule: opts.retrainSchedule ?? null,
      // A 2-epoch model on 80 images is at chance: the loop's mechanics are tested with promotion ungated
      // (the gate has its own test, db/test/promotion.test.ts).
      promoteAboveChanceOnly: opts.promoteAboveChanceOnly ?? false,
    },
  });
  await generateIntoProject(t.db, storage, {
    projectId: project.id,
    preset: 'face-swap',
    overrides: { seed: 7, size: 32, counts: opts.counts ?? { train: 80, val: 16, test: 32 } },
  });
  const ctx: LoopContext = { db: t.db, storage, log: silentLogger, threads: 1 };
  return {
    t,
    ctx,
    projectId: project.id,
    storageDir,
    async cleanup() {
      if (!opts.db) await t.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}
