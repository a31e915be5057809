export { type LoopContext, type LoopLogger, silentLogger } from './context.ts';
export { projectModelConfig, seedOf, InvalidModelConfigError } from './model-config.ts';
export { loadModelImages } from './dataset/load-images.ts';
export { DecodedImageCache, DEFAULT_IMAGE_CACHE_MIB } from './dataset/image-cache.ts';
export { loadLabeledSplit } from './dataset/labeled-samples.ts';
export { scoreRound } from './phases/score-round.ts';
export { selectRound } from './phases/select-round.ts';
export { trainRound, RoundCancelledError } from './phases/train-round.ts';
export { evaluateRound } from './phases/evaluate-round.ts';
export {
  stepOpenRound,
  stepScore,
  stepSelect,
  stepTrain,
  stepOracle,
  stepBaseline,
  stepEvaluate,
  expectedSteps,
  pendingStepFor,
  type NextStep,
  type StepOptions,
} from './steps.ts';
export { oracleAnnotate } from './oracle.ts';
export { mergedSpec, sameExperiment, scheduleOf, simulate, type SimulationSpec, type SimulationReport, type SimulationEvent, type SeedResult } from './simulate/simulate.ts';
export { runRounds, type RoundPoint } from './simulate/run-rounds.ts';
export { trainBaseline } from './phases/train-baseline.ts';
export { explainSample } from './phases/explain-sample.ts';
export { liftOverBaseline, summarize, summaryMarkdown, type StrategyLift, type SummaryRow } from './simulate/summarize.ts';
export { learningCurveSvg } from './simulate/plot-svg.ts';
