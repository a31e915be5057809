// @lae-studio/lae — the Locality-Aware AutoEncoder deepfake detector (TensorFlow.js).
import './setup.ts';

export { create, load, type LaeModel, type LaeOptions, type LoadOptions, type SaveOptions } from './lae.ts';
export { laeConfigSchema, parseConfig, presets, attentionGrid, latentGrid, warmRoundEpochs, type LaeConfig, type LaeConfigInput } from './config.ts';
export { countFlops, type FlopCount } from './flops.ts';
export { type ScoreEngine } from './onnx/engine.ts';
export { initBackend, BackendUnavailableError, type BackendInfo, type BackendName } from './backend.ts';
export { maskToGrid, type ImageInput, type RawImage, type MaskInput, type RawMask } from './images.ts';
export { type LabeledSample, type Label } from './dataset.ts';
export { type TrainData, type TrainOptions, type TrainProgress, type TrainReport, type EpochSummary } from './train.ts';
export { type ScoreOptions, type ScoreResult, type Uncertainty } from './score.ts';
export { type EvalMetrics } from './evaluate.ts';
export { selectBatch, strategies, type Candidate, type SelectOptions, type Selection, type Strategy } from './acquisition.ts';
export { accuracy, rocAuc, equalErrorRate, attentionIoU, pointingGame } from './metrics.ts';
export { wilsonInterval, aucInterval } from './intervals.ts';
export { locationPrior, locationPriorIoU } from './location-prior.ts';
export { attentionHeatmap, upsampleMap } from './heatmap.ts';
export { LaeArtifactError, FORMAT_VERSION, type ModelMeta } from './persistence.ts';
export { type LossValues } from './step.ts';
export { type Logger } from './logger.ts';
export { chooseThreshold, type ThresholdMethod } from './calibrate.ts';
