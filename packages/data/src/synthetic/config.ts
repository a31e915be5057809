import { z } from 'zod';
import { MANIPULATION_NAMES } from './manipulations/index.ts';

export const SPLITS = ['train', 'val', 'test'] as const;
export type Split = (typeof SPLITS)[number];

const manipulationName = z.string().refine((n) => MANIPULATION_NAMES.includes(n), {
  message: `unknown manipulation; known: ${MANIPULATION_NAMES.join(', ')}`,
});

export const cueSchema = z.object({
  /** 'jpeg': recompress at `quality`; 'noise': add Gaussian noise of `sigma`; 'none': no cue. */
  kind: z.enum(['jpeg', 'noise', 'none']).default('jpeg'),
  quality: z.number().int().min(1).max(100).default(80),
  sigma: z.number().positive().max(50).default(2),
  /** P(cue | fake); P(cue | real) is 1 − correlation. 0.5 means no correlation with the label. */
  correlation: z.number().min(0).max(1).default(0.9),
  /** Splits that carry the cue; the test split lacks it by default, so a shortcut does not pay off there. */
  splits: z.array(z.enum(SPLITS)).default(['train', 'val']),
});
export type CueConfig = z.infer<typeof cueSchema>;

export const benchmarkConfigSchema = z
  .object({
    /** Preset or benchmark name; part of every record id. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    seed: z.union([z.number().int().safe(), z.string().min(1)]).default(0),
    /** Image side in pixels. */
    size: z.number().int().min(32).max(1024).default(128),
    counts: z.object({ train: z.number().int().min(0), val: z.number().int().min(0), test: z.number().int().min(0) }),
    /** Share of fakes in every split. */
    fakeRatio: z.number().gt(0).lt(1).default(0.5),
    /** Manipulations of the training and validation fakes (and of the test split's seen fakes). */
    seen: z.array(manipulationName).min(1),
    /** Manipulations only the test split has. */
    unseen: z.array(manipulationName).default([]),
    /** Share of the test split (fakes and reals alike) set aside as the unseen evaluation set. */
    unseenTestShare: z.number().min(0).max(1).default(0.5),
    cue: cueSchema.prefault({}),
  })
  .refine((c) => c.unseen.every((u) => !c.seen.includes(u)), { message: 'a manipulation cannot be both seen and unseen', path: ['unseen'] })
  .refine((c) => c.unseenTestShare === 0 || c.unseen.length > 0, { message: 'unseenTestShare > 0 needs unseen manipulations', path: ['unseen'] });

export type BenchmarkConfig = z.infer<typeof benchmarkConfigSchema>;
export type BenchmarkConfigInput = z.input<typeof benchmarkConfigSchema>;

/** Validates a benchmark config and fills in defaults; the message names every bad field. */
export function parseBenchmarkConfig(input: BenchmarkConfigInput): BenchmarkConfig {
  const parsed = benchmarkConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new RangeError(`invalid benchmark config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
