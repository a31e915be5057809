import { parseBenchmarkConfig, type BenchmarkConfig, type BenchmarkConfigInput } from './config.ts';
import { totalCount } from './plan.ts';
import { generateSample, type SampleOptions, type SyntheticRecord } from './sample.ts';

export interface GenerateOptions extends SampleOptions {
  /** First sample index (default 0): resume or shard a run. */
  start?: number;
  /** Number of samples (default: all remaining). */
  limit?: number;
  /** Samples in flight: overlaps rendering (main thread) with PNG/JPEG coding (sharp's threads). Default 4. */
  concurrency?: number;
}

/**
 * The benchmark as an async stream of records in index order. Deterministic: a record depends only on the
 * config and its index, never on `start`, `limit` or `concurrency`.
 */
export async function* generateBenchmark(
  configInput: BenchmarkConfig | BenchmarkConfigInput,
  options: GenerateOptions = {},
): AsyncGenerator<SyntheticRecord> {
  const config = parseBenchmarkConfig(configInput as BenchmarkConfigInput);
  const total = totalCount(config);
  const start = options.start ?? 0;
  const end = Math.min(total, start + (options.limit ?? total));
  const window = Math.max(1, options.concurrency ?? 4);
  const pending: Promise<SyntheticRecord>[] = [];
  let next = start;
  const launch = () => {
    const promise = generateSample(config, next++, options);
    promise.catch(() => {}); // not unhandled: it is awaited below, in index order
    pending.push(promise);
  };
  while (next < end && pending.length < window) launch();
  while (pending.length > 0) {
    const record = await (pending.shift() as Promise<SyntheticRecord>);
    if (next < end) launch();
    yield record;
  }
}
