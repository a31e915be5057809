import { type ImportSample, type ImportSink } from './types.ts';

/** Keeps samples in memory, deduplicated by content hash: for tests, dry runs and benchmarks. */
export class MemorySink implements ImportSink {
  readonly samples = new Map<string, ImportSample>();
  /** Set false to keep only metadata (drop the bytes) when importing large sets for a dry run. */
  constructor(private readonly keepBytes = true) {}

  async has(contentHash: string): Promise<boolean> {
    return this.samples.has(contentHash);
  }

  async addSample(sample: ImportSample): Promise<'added' | 'duplicate'> {
    if (this.samples.has(sample.contentHash)) return 'duplicate';
    this.samples.set(sample.contentHash, this.keepBytes ? sample : { ...sample, bytes: new Uint8Array(0) });
    return 'added';
  }
}
