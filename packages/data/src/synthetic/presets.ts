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

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export const DEFAULT_COUNTS = { train: 2000, val: 400, test: 800 };

export type PresetOverrides = Partial<Omit<BenchmarkConfigInput, 'seen' | 'unseen'>>;

/** A preset's config with overrides (seed, size, counts, cue, …) applied and validated. */
export function presetConfig(preset: PresetName, overrides: PresetOverrides = {}): BenchmarkConfig {
  const p = PRESETS[preset];
  if (!p) throw new RangeError(`unknown preset ${JSON.stringify(preset)}; known: ${PRESET_NAMES.join(', ')}`);
  return parseBenchmarkConfig({
    name: preset,
    counts: DEFAULT_COUNTS,
    ...overrides,
    seen: [...p.seen],
    unseen: [...p.unseen],
  });
}
