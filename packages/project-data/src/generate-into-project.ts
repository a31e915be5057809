import { generateBenchmark, presetConfig, recordPaths, type BlobStorage, type PresetName, type PresetOverrides } from '@lae-studio/datasets';
import type { Db } from '@lae-studio/db';
import { storeSample } from './store-sample.ts';

export interface GenerateProgress {
  done: number;
  total: number;
  added: number;
  duplicates: number;
}

/**
 * Generate a synthetic forgery benchmark straight into a project. The generator's masks are stored as
 * reference (ground truth) masks: they serve evaluation and the simulation's oracle, never training.
 */
export async function generateIntoProject(
  db: Db,
  storage: BlobStorage,
  opts: { projectId: string; preset: PresetName; overrides?: PresetOverrides; onProgress?: (p: GenerateProgress) => void; signal?: AbortSignal },
): Promise<GenerateProgress> {
  const config = presetConfig(opts.preset, opts.overrides);
  const total = config.counts.train + config.counts.val + config.counts.test;
  const p: GenerateProgress = { done: 0, total, added: 0, duplicates: 0 };
  for await (const r of generateBenchmark(config)) {
    opts.signal?.throwIfAborted();
    if (!r.png) throw new Error('generator produced no PNG');
    const outcome = await storeSample(db, storage, {
      projectId: opts.projectId,
      bytes: r.png,
      width: r.width,
      height: r.height,
      label: r.label,
      manipulation: r.manipulation,
      split: r.split,
      novelty: r.novelty,
      // The path the folder layout gives the same image (with its extension), so COCO file_name and re-imports match.
      sourceName: recordPaths(r).image,
      mask: r.mask ? { mask: r.mask, source: 'import', reference: true } : null,
    });
    p.done++;
    if (outcome === 'added') p.added++;
    else p.duplicates++;
    opts.onProgress?.({ ...p });
  }
  return p;
}
