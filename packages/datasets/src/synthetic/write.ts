import { encodeMaskPng } from '@lae-studio/mask-codec';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseBenchmarkConfig, type BenchmarkConfig, type BenchmarkConfigInput } from './config.ts';
import { generateBenchmark, type GenerateOptions } from './generate.ts';
import { totalCount } from './plan.ts';
import { type SyntheticRecord } from './sample.ts';

export interface WriteProgress {
  done: number;
  total: number;
  record: SyntheticRecord;
}

export interface WriteSummary {
  dir: string;
  total: number;
  real: number;
  fake: number;
  bySplit: Record<string, number>;
  byManipulation: Record<string, number>;
  /** Written files, relative to dir, in order (images, then masks, then manifests). */
  files: string[];
}

/** Paths of a record in the folder layout the importer reads. */
export function recordPaths(record: Pick<SyntheticRecord, 'id' | 'manipulation'>): { image: string; mask: string | null } {
  if (!record.manipulation) return { image: `real/${record.id}.png`, mask: null };
  return { image: `fake/${record.manipulation}/${record.id}.png`, mask: `masks/${record.manipulation}/${record.id}.png` };
}

const MANIFEST_HEADER = 'path,split,novelty,label,manipulation,mask';

/**
 * Writes the benchmark as `real/`, `fake/<manipulation>/`, `masks/<manipulation>/` (1-bit PNG masks),
 * `manifest.csv` (split and novelty per image, read back by the folder importer) and `benchmark.json`
 * (the resolved config, so the set can be regenerated).
 */
export async function writeBenchmark(
  configInput: BenchmarkConfig | BenchmarkConfigInput,
  dir: string,
  options: Omit<GenerateOptions, 'output' | 'keepSource'> & { onProgress?: (p: WriteProgress) => void } = {},
): Promise<WriteSummary> {
  const config = parseBenchmarkConfig(configInput as BenchmarkConfigInput);
  const root = path.resolve(dir);
  const total = Math.min(totalCount(config) - (options.start ?? 0), options.limit ?? Infinity);
  const summary: WriteSummary = { dir: root, total: 0, real: 0, fake: 0, bySplit: {}, byManipulation: {}, files: [] };
  const rows = [MANIFEST_HEADER];
  const made = new Set<string>();
  const ensureDir = async (rel: string) => {
    const d = path.dirname(rel);
    if (!made.has(d)) {
      await mkdir(path.join(root, d), { recursive: true });
      made.add(d);
    }
  };
  for await (const record of generateBenchmark(config, { ...options, output: 'png' })) {
    const { image, mask } = recordPaths(record);
    await ensureDir(image);
    await writeFile(path.join(root, image), record.png as Uint8Array);
    summary.files.push(image);
    if (mask && record.mask) {
      await ensureDir(mask);
      await writeFile(path.join(root, mask), encodeMaskPng(record.mask));
      summary.files.push(mask);
    }
    rows.push([image, record.split, record.novelty, record.label, record.manipulation ?? '', mask ?? ''].join(','));
    summary.total++;
    summary[record.label]++;
    summary.bySplit[record.split] = (summary.bySplit[record.split] ?? 0) + 1;
    const key = record.manipulation ?? 'real';
    summary.byManipulation[key] = (summary.byManipulation[key] ?? 0) + 1;
    options.onProgress?.({ done: summary.total, total, record });
  }
  await writeFile(path.join(root, 'manifest.csv'), `${rows.join('\n')}\n`);
  await writeFile(path.join(root, 'benchmark.json'), `${JSON.stringify({ generator: '@lae-studio/datasets synthetic v1', config }, null, 2)}\n`);
  summary.files.push('manifest.csv', 'benchmark.json');
  return summary;
}
