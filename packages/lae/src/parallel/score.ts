// Sharded scoring: worker threads score contiguous slices of the batch list, this thread scores its own.
import { type BackendName } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { floatImageTensor, packImagesFloat } from '../dataset.ts';
import { type ImageInput } from '../images.ts';
import { paramSpecs, type Params } from '../params.ts';
import { BatchScorer, toResults, type ScoreOptions, type ScoreResult } from '../score.ts';
import { flatten } from '../weights.ts';
import { WorkerPool } from './pool.ts';
import { type FromWorker, type ScoreArrays } from './protocol.ts';

type Scored = Extract<FromWorker, { type: 'scored' }>;

export async function startScorePool(threads: number, backend: BackendName, p: Params, c: LaeConfig): Promise<WorkerPool> {
  const pool = await WorkerPool.start(threads - 1, c, backend, null);
  pool.broadcast({ type: 'setWeights', weights: flatten(p, paramSpecs(c).map((s) => s.name)) });
  return pool;
}

/** `offset`: index of images[0] in the caller's list (MC-dropout seeds match single-thread scoring). */
export async function scoreParallel(pool: WorkerPool, p: Params, c: LaeConfig, images: readonly ImageInput[], opts: ScoreOptions, offset = 0): Promise<ScoreResult[]> {
  const bs = opts.batchSize ?? c.score.batchSize;
  const mc = opts.mcSamples ?? c.score.mcSamples;
  const packed = packImagesFloat(images, c.imageSize);
  const batches: number[][] = [];
  for (let i = 0; i < images.length; i += bs) batches.push(Array.from({ length: Math.min(bs, images.length - i) }, (_, j) => i + j));
  const results: Array<ScoreArrays | null> = batches.map(() => null);
  // Work queue: each worker takes the next batch when done; this thread interleaves its own batches.
  let next = 0;
  const remote = Array.from({ length: pool.size }, async (_, w) => {
    while (next < batches.length) {
      const i = next++;
      const rows = batches[i]!;
      const reply = await pool.request<Scored>(w, { type: 'score', id: pool.id(), images: packed, start: rows[0]!, count: rows.length, mcSamples: mc, seed: c.seed + offset + rows[0]! });
      results[i] = reply.out;
    }
  });
  const local = (async () => {
    const scorer = new BatchScorer(p, c);
    try {
      while (next < batches.length) {
        const i = next++;
        const rows = batches[i]!;
        const x = floatImageTensor(packed, c.imageSize, rows[0]!, rows.length);
        results[i] = scorer.score(x, mc, c.seed + offset + rows[0]!);
        x.dispose();
        // Let worker replies be handled between local batches.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      scorer.dispose();
    }
  })();
  await Promise.all([...remote, local]);
  return batches.flatMap((rows, i) => toResults(c, results[i]!, rows.length, opts));
}
