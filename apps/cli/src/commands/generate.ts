import path from 'node:path';
import { BENCHMARK_VERSIONS, PRESET_NAMES, presetConfig, writeBenchmark, type PresetName } from '@lae-studio/datasets';
import { generateIntoProject } from '@lae-studio/project-data';
import { countSamplesBySplit } from '@lae-studio/db';
import { fail, say } from '../output.ts';
import { progressBar, table } from '../progress.ts';
import { projectBySlug, withPlatform } from '../with-platform.ts';

export interface GenerateOptions {
  preset: string;
  benchmark: string;
  project?: string;
  out?: string;
  seed: string;
  size: string;
  train: string;
  val: string;
  test: string;
}

function int(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer in ${min}..${max}, got "${v}"`);
  return n;
}

/** `lae-studio generate`: the synthetic forgery benchmark, into a project or to the folder layout. */
export async function generate(o: GenerateOptions): Promise<void> {
  if (!(PRESET_NAMES as string[]).includes(o.preset)) fail(`--preset must be one of ${PRESET_NAMES.join(', ')}`);
  if (!o.project === !o.out) fail('Give exactly one of --project <slug> (write into a project) or --out <dir> (write the folder layout).');
  const version = BENCHMARK_VERSIONS.find((v) => v === o.benchmark) ?? fail(`--benchmark must be one of ${BENCHMARK_VERSIONS.join(', ')}, got "${o.benchmark}"`);
  const overrides = {
    version,
    seed: int('seed', o.seed, 0, 2 ** 31 - 1),
    size: int('size', o.size, 32, 1024),
    counts: { train: int('train', o.train, 0, 1e6), val: int('val', o.val, 0, 1e6), test: int('test', o.test, 0, 1e6) },
  };
  const preset = o.preset as PresetName;
  const total = overrides.counts.train + overrides.counts.val + overrides.counts.test;
  const bar = progressBar('generate', total);
  const started = Date.now();
  if (o.out) {
    const dir = path.resolve(o.out);
    const summary = await writeBenchmark(presetConfig(preset, overrides), dir, { onProgress: (p) => bar.update(p.done) });
    bar.stop();
    say('generate', `wrote ${summary.total} images to ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(table(Object.entries(summary.bySplit).map(([split, n]) => ({ split, images: n }))));
    return;
  }
  await withPlatform(async ({ db, storage }) => {
    const project = await projectBySlug(db, o.project!);
    const r = await generateIntoProject(db, storage, { projectId: project.id, preset, overrides, onProgress: (p) => bar.update(p.done, `${p.added} added`) });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    say('generate', `${r.added} added, ${r.duplicates} already there — ${(r.done / seconds).toFixed(0)} images/s`);
    console.log(table(await countSamplesBySplit(db, { projectId: project.id })));
  });
}
