import { type BenchmarkConfig, type Split } from './config.ts';

export type Label = 'real' | 'fake';
export type Novelty = 'seen' | 'unseen';

/** What sample `index` of a benchmark is: decided by arithmetic, so any sample can be made on its own. */
export interface Slot {
  index: number;
  split: Split;
  label: Label;
  novelty: Novelty;
  manipulation: string | null;
}

export function totalCount(config: BenchmarkConfig): number {
  return config.counts.train + config.counts.val + config.counts.test;
}

/** True for exactly round(n·ratio) of the first n integers, spread evenly (a Bresenham pattern). */
function takes(j: number, ratio: number): boolean {
  return Math.floor((j + 1) * ratio) > Math.floor(j * ratio);
}

function taken(j: number, ratio: number): number {
  return Math.floor(j * ratio);
}

export function slotFor(config: BenchmarkConfig, index: number): Slot {
  const { train, val, test } = config.counts;
  if (!Number.isInteger(index) || index < 0 || index >= train + val + test) {
    throw new RangeError(`sample index ${index} is outside 0..${train + val + test - 1}`);
  }
  const split: Split = index < train ? 'train' : index < train + val ? 'val' : 'test';
  const j = split === 'train' ? index : split === 'val' ? index - train : index - train - val;
  const fake = takes(j, config.fakeRatio);
  const nth = fake ? taken(j, config.fakeRatio) : j - taken(j, config.fakeRatio); // rank among this label in the split
  const unseen = split === 'test' && takes(nth, config.unseenTestShare);
  const novelty: Novelty = unseen ? 'unseen' : 'seen';
  if (!fake) return { index, split, label: 'real', novelty, manipulation: null };
  const pool = unseen ? config.unseen : config.seen;
  const rank = split === 'test' ? (unseen ? taken(nth, config.unseenTestShare) : nth - taken(nth, config.unseenTestShare)) : nth;
  return { index, split, label: 'fake', novelty, manipulation: pool[rank % pool.length] as string };
}
