export { SPLITS, cueSchema, parseBenchmarkConfig, type BenchmarkConfig, type BenchmarkConfigInput, type CueConfig, type Split } from './config.ts';
export { BENCHMARK_VERSIONS, DEFAULT_COUNTS, PRESET_NAMES, PRESETS, PRESETS_V2, presetConfig, V2_CUE, type BenchmarkVersion, type PresetName, type PresetOverrides } from './presets.ts';
export { slotFor, totalCount, type Label, type Novelty, type Slot } from './plan.ts';
export { cameraPattern, generateSample, recordId, type SampleOptions, type SyntheticRecord } from './sample.ts';
export { generateBenchmark, type GenerateOptions } from './generate.ts';
export { recordPaths, writeBenchmark, type WriteProgress, type WriteSummary } from './write.ts';
export {
  FAMILIES,
  getManipulation,
  MANIPULATION_NAMES,
  MANIPULATIONS,
  V2_AREA,
  V2_MANIPULATIONS,
  borderBand,
  type Family,
  type Manipulation,
  type Variant,
} from './manipulations/index.ts';
export { createRng, deriveSeed, seedFrom, type Rng } from './prng.ts';
export { inBorderBand } from './cue.ts';
