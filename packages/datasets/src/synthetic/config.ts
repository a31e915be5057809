import { z } from 'zod';
import { MANIPULATION_NAMES } from './manipulations/index.ts';

export const SPLITS = ['train', 'val', 'test'] as const;
export type Split = (typeof SPLITS)[number];

const manipulationName = z.string().refine((n) => MANIPULATION_NAMES.includes(n), {
  message: `unknown manipulation; known: ${MANIPULATION_NAMES.join(', ')}`,
});

export const cueSchema = z.object({
  /**
   * 'jpeg': recompress at `quality`; 'noise': add Gaussian noise of `sigma`; 'border': add `cast` (RGB, 0–255
   * scale) to the outer `band` pixels only, outside every forged region (benchmark v2's default); 'none': no cue.
   */
  kind: z.enum(['jpeg', 'noise', 'border', 'none']).default('jpeg'),
  quality: z.number().int().min(1).max(100).default(80),
  sigma: z.number().positive().max(50).default(2),
  /** Border band width in px at 64² (scaled with the image size) for kind 'border'. Default 6, range 1–16. */
  band: z.number().int().min(1).max(16).default(6),
  /** Colour cast added to the band for kind 'border' (a red cast by default). */
  cast: z.tuple([z.number().min(-128).max(128), z.number().min(-128).max(128), z.number().min(-128).max(128)]).default([28, -10, -10]),
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
    /**
     * Benchmark version. 'v1' (default: unchanged output for a seed) renders textured faces with weak noise;
     * 'v2' renders smooth faces and adds fine sensor noise (`sensor`) before manipulating, so that every forged
     * region lacks the sensor trace (packages/datasets/README.md, "Benchmark v2").
     */
    version: z.enum(['v1', 'v2']).default('v1'),
    /** v2 only: the camera. Gaussian sensor noise of `sigma`, plus one of `patterns` fixed per-pixel patterns of `patternSigma`. */
    sensor: z
      .object({
        sigma: z.number().min(0).max(30).default(8),
        patterns: z.number().int().min(1).max(16).default(4),
        patternSigma: z.number().min(0).max(20).default(3),
        /** Box-blur radius (px at 64²) of the base render before the noise: smooth renders let the noise trace stand out. */
        smooth: z.number().int().min(0).max(4).default(1),
      })
      .prefault({}),
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
