import { z } from 'zod';
import { type Split } from '../synthetic/config.ts';
import { deriveSeed, seedFrom } from '../synthetic/prng.ts';

export const splitRatiosSchema = z
  .object({ train: z.number().min(0), val: z.number().min(0), test: z.number().min(0) })
  .refine((r) => r.train + r.val + r.test > 0, 'split ratios must not all be zero');
export type SplitRatios = z.infer<typeof splitRatiosSchema>;

export const DEFAULT_SPLIT_RATIOS: SplitRatios = { train: 0.7, val: 0.1, test: 0.2 };

/**
 * Split of a group by hashing (seed, group) to a point in [0, 1): stable when files are added or removed,
 * and every file of one group (a video, an identity) lands in the same split.
 */
export function splitForGroup(group: string, seed: number | string, ratios: SplitRatios = DEFAULT_SPLIT_RATIOS): Split {
  const total = ratios.train + ratios.val + ratios.test;
  const u = deriveSeed(seedFrom(seed), seedFrom(group)) / 4294967296;
  if (u < ratios.train / total) return 'train';
  if (u < (ratios.train + ratios.val) / total) return 'val';
  return 'test';
}
