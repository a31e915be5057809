// Epoch order: seeded, class-balanced (the smaller class oversampled), scarce masked fakes spread over batches.
import { type PackedData } from './dataset.ts';
import { shuffled } from './rng.ts';

function cycleTo(rows: readonly number[], n: number, rand: () => number): number[] {
  const out: number[] = [];
  while (out.length < n) out.push(...shuffled(rows, rand));
  return out.slice(0, n);
}

/** Batches of row indices for one epoch. */
export function epochBatches(d: PackedData, rows: readonly number[], batchSize: number, minMasked: number, rand: () => number): number[][] {
  const reals = rows.filter((r) => d.labels[r] === 0);
  const fakes = rows.filter((r) => d.labels[r] === 1);
  const maskedFakes = fakes.filter((r) => d.masked[r] === 1);
  let order: number[];
  if (reals.length === 0 || fakes.length === 0) {
    order = shuffled(rows, rand);
  } else {
    const n = Math.max(reals.length, fakes.length);
    const r = cycleTo(reals, n, rand);
    const f = cycleTo(fakes, n, rand);
    order = [];
    for (let i = 0; i < n; i++) order.push(r[i]!, f[i]!);
  }
  const batches: number[][] = [];
  for (let i = 0; i + 1 < order.length; i += batchSize) {
    const batch = order.slice(i, i + batchSize);
    if (batch.length < 2) break; // batch norm needs two samples
    batches.push(batch);
  }
  if (maskedFakes.length > 0 && minMasked > 0) {
    for (const batch of batches) {
      let have = batch.filter((r) => d.masked[r] === 1).length;
      for (let j = 0; j < batch.length && have < minMasked; j++) {
        const r = batch[j]!;
        if (d.labels[r] === 1 && d.masked[r] === 0) {
          batch[j] = maskedFakes[Math.floor(rand() * maskedFakes.length)]!;
          have++;
        }
      }
    }
  }
  return batches;
}

/** Stratified, seeded split of rows into train and validation; masked fakes always stay in train (masks are scarce). */
export function splitValidation(d: PackedData, share: number, rand: () => number): { train: number[]; validation: number[] } {
  const train: number[] = [];
  const validation: number[] = [];
  for (let r = 0; r < d.n; r++) if (d.masked[r] === 1) train.push(r);
  for (const label of [0, 1]) {
    const rows = shuffled(
      Array.from({ length: d.n }, (_, i) => i).filter((r) => d.labels[r] === label && d.masked[r] === 0),
      rand,
    );
    const nVal = Math.floor(rows.length * share);
    validation.push(...rows.slice(0, nVal));
    train.push(...rows.slice(nVal));
  }
  return { train, validation };
}
