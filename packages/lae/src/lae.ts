// The public model object: create / load → train, score, evaluate, save.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendInfo, type BackendName } from './backend.ts';
import { parseConfig, type LaeConfig, type LaeConfigInput } from './config.ts';
import { type LabeledSample } from './dataset.ts';
import { metricsFromScores, type EvalMetrics } from './evaluate.ts';
import { type ImageInput } from './images.ts';
import { resolveLogger, type Logger } from './logger.ts';
import { createParams, disposeParams, paramSpecs, variableName, type Params } from './params.ts';
import { FORMAT_VERSION, loadBytes, saveBytes, type ModelMeta } from './persistence.ts';
import { scoreImages, type ScoreOptions, type ScoreResult } from './score.ts';
import { trainModel, type ExecutorFactory, type TrainData, type TrainOptions, type TrainReport } from './train.ts';

export interface LaeOptions {
  /** Backend override (default: LAE_BACKEND, else auto). */
  backend?: BackendName | 'auto';
  logger?: Logger;
}

export interface LoadOptions extends LaeOptions {
  /** When given, the stored architecture must match it (else a LaeArtifactError). */
  expectConfig?: LaeConfigInput;
}

export interface SaveOptions {
  /** Caller data stored with the model (data snapshot, metrics …). */
  extra?: Record<string, unknown>;
}

export interface LaeModel {
  readonly config: LaeConfig;
  readonly backend: BackendInfo;
  readonly meta: ModelMeta;
  /** Trains in place (see TrainOptions); rejects with an AbortError on cancellation, weights unchanged. */
  train(data: TrainData | readonly LabeledSample[], opts?: TrainOptions): Promise<TrainReport>;
  /** One result per image, in order. */
  score(images: readonly ImageInput[], opts?: ScoreOptions): Promise<ScoreResult[]>;
  /** Accuracy, ROC AUC, EER, and attention IoU / pointing game on masked fakes. */
  evaluate(samples: readonly LabeledSample[], opts?: ScoreOptions & { threshold?: number }): Promise<EvalMetrics>;
  /** The model as one byte bundle (TF.js topology + weights, config, format version). */
  save(opts?: SaveOptions): Promise<Uint8Array>;
  /** Frees the weights. */
  dispose(): void;
}

let parallelFactory: ((threads: number) => ExecutorFactory) | null = null;
let parallelScorer: ((threads: number, bytes: Uint8Array, images: readonly ImageInput[], opts: ScoreOptions) => Promise<ScoreResult[]>) | null = null;

/** Installed by the parallel module (kept apart so that worker threads do not import each other). */
export function setParallelHooks(train: typeof parallelFactory, score: typeof parallelScorer): void {
  parallelFactory = train;
  parallelScorer = score;
}

class Model implements LaeModel {
  meta: ModelMeta;
  private disposed = false;

  constructor(
    readonly config: LaeConfig,
    readonly backend: BackendInfo,
    private readonly params: Params,
    meta: ModelMeta,
    private readonly log: Logger,
  ) {
    this.meta = meta;
  }

  private live(): Params {
    if (this.disposed) throw new Error('LAE: model disposed');
    return this.params;
  }

  async train(data: TrainData | readonly LabeledSample[], opts: TrainOptions = {}): Promise<TrainReport> {
    const p = this.live();
    const d: TrainData = Array.isArray(data) ? { train: data as readonly LabeledSample[] } : (data as TrainData);
    const threads = opts.threads ?? 1;
    const factory = threads > 1 && parallelFactory ? parallelFactory(threads) : undefined;
    const report = await trainModel(p, this.config, d, opts, opts.logger ?? this.log, factory);
    this.meta = { ...this.meta, backend: this.backend.name, trainedSteps: this.meta.trainedSteps + report.steps };
    return report;
  }

  async score(images: readonly ImageInput[], opts: ScoreOptions & { threads?: number } = {}): Promise<ScoreResult[]> {
    const p = this.live();
    const threads = opts.threads ?? 1;
    if (threads > 1 && parallelScorer && images.length >= 2 * (opts.batchSize ?? this.config.score.batchSize)) {
      return parallelScorer(threads, await this.save(), images, opts);
    }
    return scoreImages(p, this.config, images, opts);
  }

  async evaluate(samples: readonly LabeledSample[], opts: ScoreOptions & { threshold?: number; threads?: number } = {}): Promise<EvalMetrics> {
    const scores = await this.score(
      samples.map((s) => s.image),
      { ...opts, mcSamples: 0 },
    );
    return metricsFromScores(this.config, samples, scores, opts.threshold);
  }

  async save(opts: SaveOptions = {}): Promise<Uint8Array> {
    const meta: ModelMeta = { ...this.meta, savedAt: new Date().toISOString(), ...(opts.extra ? { extra: opts.extra } : {}) };
    return saveBytes(this.live(), this.config, meta);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeParams(this.params);
  }
}

/** A fresh, untrained model. */
export async function create(config: LaeConfigInput = {}, opts: LaeOptions = {}): Promise<LaeModel> {
  const c = parseConfig(config);
  const log = resolveLogger(opts.logger);
  const backend = await initBackend({ ...(opts.backend ? { backend: opts.backend } : {}), logger: log });
  const meta: ModelMeta = { formatVersion: FORMAT_VERSION, backend: backend.name, createdAt: new Date().toISOString(), trainedSteps: 0 };
  return new Model(c, backend, createParams(c), meta, log);
}

/** A model from save() bytes; a corrupt bundle or a config mismatch throws a LaeArtifactError. */
export async function load(bytes: Uint8Array, opts: LoadOptions = {}): Promise<LaeModel> {
  const log = resolveLogger(opts.logger);
  const backend = await initBackend({ ...(opts.backend ? { backend: opts.backend } : {}), logger: log });
  const art = await loadBytes(bytes, opts.expectConfig);
  const params: Params = new Map();
  for (const s of paramSpecs(art.config)) {
    params.set(s.name, tf.variable(art.weights[s.name]!, s.trainable, variableName(s.name)));
  }
  tf.dispose(Object.values(art.weights));
  return new Model(art.config, backend, params, art.meta, log);
}
