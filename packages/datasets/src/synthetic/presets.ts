import { parseBenchmarkConfig, type BenchmarkConfig, type BenchmarkConfigInput } from './config.ts';

// The paper's three tasks (train on one manipulation, test on an unseen one of the same kind), plus one
// that mixes all five families.

export const PRESETS = {
  'face-swap': { seen: ['region-swap-feather'], unseen: ['region-swap-poisson'] },
  'attribute-edit': { seen: ['attribute-edit-x2'], unseen: ['attribute-edit-x4'] },
  inpainting: { seen: ['inpaint-diffusion'], unseen: ['inpaint-patch'] },
  'all-families': {
    seen: ['region-swap-feather', 'attribute-edit-x2', 'inpaint-diffusion', 'resample-scale', 'noise-add'],
    unseen: ['region-swap-poisson', 'attribute-edit-x4', 'inpaint-patch', 'resample-rotate', 'noise-smooth'],
  },
} as const satisfies Record<string, { seen: string[]; unseen: string[] }>;

/**
 * Benchmark v2's manipulations for the same three tasks (packages/datasets/README.md, "Benchmark v2"): every pair
 * shares the missing sensor trace and differs in location, shape and blend.
 *
 * `sensor` is each task's camera, a measured choice (reports/issue12-notes.md): at the schema's σ 8 the trace is as
 * easy to learn as the cue, so a label-only model learns both and nothing is trapped; σ 4 (pattern 2) traps it on
 * face swap and attribute edit while the cue-free control still learns; inpainting's fill stays learnable at σ 4
 * (no-mask unseen 95 %), so its camera is σ 2 (pattern 1). all-families takes σ 4 (not measured on its own).
 */
export const PRESETS_V2 = {
  'face-swap': { seen: ['v2-swap-feather'], unseen: ['v2-swap-paste'], sensor: { sigma: 4, patternSigma: 2 } },
  'attribute-edit': { seen: ['v2-edit-x2'], unseen: ['v2-edit-x4'], sensor: { sigma: 4, patternSigma: 2 } },
  inpainting: { seen: ['v2-inpaint-diffusion'], unseen: ['v2-inpaint-blur'], sensor: { sigma: 2, patternSigma: 1 } },
  'all-families': {
    seen: ['v2-swap-feather', 'v2-edit-x2', 'v2-inpaint-diffusion'],
    unseen: ['v2-swap-paste', 'v2-edit-x4', 'v2-inpaint-blur'],
    sensor: { sigma: 4, patternSigma: 2 },
  },
} as const satisfies Record<string, { seen: string[]; unseen: string[]; sensor: { sigma: number; patternSigma: number } }>;

export const BENCHMARK_VERSIONS = ['v1', 'v2'] as const;
export type BenchmarkVersion = (typeof BENCHMARK_VERSIONS)[number];

/** v2's default cue: a red cast on the outer 6-px band of every train/val fake and no real; none in test. */
export const V2_CUE = { kind: 'border', band: 6, correlation: 1, splits: ['train', 'val'] } as const;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export const DEFAULT_COUNTS = { train: 2000, val: 400, test: 800 };

export type PresetOverrides = Partial<Omit<BenchmarkConfigInput, 'seen' | 'unseen'>>;

/**
 * A preset's config with overrides (seed, size, counts, cue, …) applied and validated. `version: 'v2'` picks
 * PRESETS_V2's manipulations, names the benchmark `<preset>-v2` (record ids differ from v1's) and defaults
 * the cue to V2_CUE and the camera to the preset's `sensor` (an override's cue and sensor fields win).
 */
export function presetConfig(preset: PresetName, overrides: PresetOverrides = {}): BenchmarkConfig {
  const v2 = overrides.version === 'v2' ? PRESETS_V2[preset] : null;
  const p = v2 ?? PRESETS[preset];
  if (!p) throw new RangeError(`unknown preset ${JSON.stringify(preset)}; known: ${PRESET_NAMES.join(', ')}`);
  return parseBenchmarkConfig({
    name: v2 ? `${preset}-v2` : preset,
    counts: DEFAULT_COUNTS,
    ...overrides,
    ...(v2 ? { cue: { ...V2_CUE, splits: [...V2_CUE.splits], ...overrides.cue }, sensor: { ...v2.sensor, ...overrides.sensor } } : {}),
    seen: [...p.seen],
    unseen: [...p.unseen],
  });
}
