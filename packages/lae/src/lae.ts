// The public model object: create / load → train, score, evaluate, save.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendInfo, type BackendName } from './backend.ts';
import { parseConfig, type LaeConfig, type LaeConfigInput } from './config.ts';
import { type LabeledSample } from './dataset.ts';
import { metricsFromScores, type EvalMetrics } from './evaluate.ts';
import { type ImageInput } from './images.ts';
import { resolveLogger, type Logger } from './logger.ts';
import { createParams, disposeParams, paramSpecs, variableName, type Params } from './params.ts';
import { type OptimizerState } from './optimizer-state.ts';
import { FORMAT_VERSION, loadBytes, saveBytes, type ModelMeta } from './persistence.ts';
import { chooseEngine, OrtEncoder, type ScoreEngine } from './onnx/engine.ts';
import { scoreImages, scoreImagesOrt, type ScoreOptions, type ScoreResult } from './score.ts';
import { trainModel, type ExecutorFactory, type TrainData, type TrainOptions, type TrainReport } from './train.ts';
import { readEnv } from './env.ts';
import { parallelExecutor, trainingShards } from './parallel/train.ts';
import { withNativeThreads } from './kernels/native.ts';
import { scoreParallel, startScorePool } from './parallel/score.ts';
import { type WorkerPool } from './parallel/pool.ts';
import { availableParallelism } from 'node:os';

export interface LaeOptions {
  /** Backend override (default: LAE_BACKEND, else auto). */
  backend?: BackendName | 'auto';
  /** Scoring engine override (default: LAE_SCORE_ENGINE, else auto; see onnx/engine.ts chooseEngine). */
  scoreEngine?: ScoreEngine;
  logger?: Logger;
}

export interface LoadOptions extends LaeOptions {
  /**
   * When given, the stored architecture must match it (else a LaeArtifactError), and the model then runs with this
   * config (training settings, loss weights, scoring) rather than the stored one: how a warm start trains the
   * parent's weights under the project's current settings.
   */
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
  score(images: readonly ImageInput[], opts?: ScoreOptions & { threads?: number }): Promise<ScoreResult[]>;
  /** Accuracy, ROC AUC, EER, and attention IoU / pointing game on masked fakes. */
  evaluate(samples: readonly LabeledSample[], opts?: ScoreOptions & { threshold?: number; threads?: number }): Promise<EvalMetrics>;
  /** The model as one byte bundle (TF.js topology + weights, config, format version). */
  save(opts?: SaveOptions): Promise<Uint8Array>;
  /** Frees the weights. */
  dispose(): void;
}

/**
 * Threads to use: explicit, else LAE_THREADS, else every core for jobs big enough to repay worker start-up
 * (wasm and cpu only: libtensorflow behind tfjs-node already runs its own thread pool).
 */
function threadsFor(backend: BackendInfo, explicit: number | undefined, work: number, minWork: number): number {
  if (explicit != null) return Math.max(1, Math.floor(explicit));
  const env = readEnv().LAE_THREADS;
  if (env != null) return env;
  if (backend.name !== 'wasm' && backend.name !== 'cpu') return 1;
  return work >= minWork ? availableParallelism() : 1;
}

class Model implements LaeModel {
  meta: ModelMeta;
  private disposed = false;
  private scorePool: { threads: number; pool: Promise<WorkerPool> } | null = null;
  /** The onnxruntime encoder for the current weights (null: tfjs scores; see chooseEngine). */
  private ortEncoder: { threads: number; encoder: Promise<OrtEncoder | null> } | null = null;
  private engineLogged = false;
  /** Adam's state after the last train() (or from the artifact): a later train() continues from it. */
  private optimizer: { state: OptimizerState | null } = { state: null };

  constructor(
    readonly config: LaeConfig,
    readonly backend: BackendInfo,
    private readonly params: Params,
    meta: ModelMeta,
    private readonly log: Logger,
    private readonly scoreEngine?: ScoreEngine,
    optimizer: OptimizerState | null = null,
  ) {
    this.meta = meta;
    this.optimizer.state = optimizer;
  }

  private live(): Params {
    if (this.disposed) throw new Error('LAE: model disposed');
    return this.params;
  }

  async train(data: TrainData | readonly LabeledSample[], opts: TrainOptions = {}): Promise<TrainReport> {
    const p = this.live();
    const d: TrainData = Array.isArray(data) ? { train: data as readonly LabeledSample[] } : (data as TrainData);
    const epochs = opts.epochs ?? this.config.train.epochs;
    const available = threadsFor(this.backend, opts.threads, d.train.length * epochs, 4000);
    const threads = opts.shards != null ? Math.max(1, Math.min(available, Math.floor(opts.shards))) : trainingShards(this.config, available);
    const log = opts.logger ?? this.log;
    const factory: ExecutorFactory | undefined = threads > 1 ? (pp, c, data, optimizer) => parallelExecutor(threads, this.backend.name, pp, c, data, optimizer) : undefined;
    if (threads > 1) log.info(`training data-parallel on ${threads} threads`);
    else if (available > 1 && opts.shards == null) log.info(`training on one thread of ${available}: a step of ${this.config.train.batchSize} images at ${this.config.imageSize}² is too little work to split (MIN_SHARD_FLOPS)`);
    await this.dropScorePool();
    await this.dropOrt();
    const report = await trainModel(p, this.config, d, opts, log, factory, this.optimizer);
    this.meta = { ...this.meta, backend: this.backend.name, trainedSteps: this.meta.trainedSteps + report.steps, decisionThreshold: report.threshold };
    return report;
  }

  async score(images: readonly ImageInput[], optsIn: ScoreOptions & { threads?: number } = {}): Promise<ScoreResult[]> {
    const p = this.live();
    const opts = { ...optsIn, decisionThreshold: optsIn.decisionThreshold ?? this.meta.decisionThreshold ?? 0.5 };
    const batch = opts.batchSize ?? this.config.score.batchSize;
    const threads = Math.min(threadsFor(this.backend, opts.threads, images.length, 16 * batch), Math.ceil(images.length / batch));
    const ort = await this.ort(Math.max(1, threads));
    if (ort) return scoreImagesOrt(ort, this.config, images, opts);
    if (this.backend.kernels === 'native') return withNativeThreads(threads, () => scoreImages(p, this.config, images, opts));
    if (threads > 1) {
      if (this.scorePool?.threads !== threads) {
        await this.dropScorePool();
        this.scorePool = { threads, pool: startScorePool(threads, this.backend.name, p, this.config) };
      }
      // Chunks bound the float copy of the images (shared with the workers).
      const pool = await this.scorePool.pool;
      const out: ScoreResult[] = [];
      const chunk = 32 * batch;
      for (let i = 0; i < images.length; i += chunk) out.push(...(await scoreParallel(pool, p, this.config, images.slice(i, i + chunk), opts, i)));
      return out;
    }
    return scoreImages(p, this.config, images, opts);
  }

  /** The onnxruntime encoder with `threads` intra-op threads, or null when tfjs scores (chooseEngine says why, once). */
  private async ort(threads: number): Promise<OrtEncoder | null> {
    if (this.ortEncoder?.threads !== threads) {
      await this.dropOrt();
      const p = this.live();
      const encoder = chooseEngine(this.config, this.backend, this.scoreEngine).then((choice) => {
        if (!this.engineLogged) this.log.info(choice.engine === 'onnxruntime' ? 'scoring on onnxruntime (native CPU kernels)' : `scoring on tfjs: ${choice.reason}`);
        this.engineLogged = true;
        return choice.engine === 'onnxruntime' ? OrtEncoder.open(choice.ort, p, this.config, threads) : null;
      });
      this.ortEncoder = { threads, encoder };
    }
    return this.ortEncoder.encoder;
  }

  private async dropOrt(): Promise<void> {
    const o = this.ortEncoder;
    this.ortEncoder = null;
    if (o) await (await o.encoder.catch(() => null))?.close();
  }

  async evaluate(samples: readonly LabeledSample[], opts: ScoreOptions & { threshold?: number; threads?: number } = {}): Promise<EvalMetrics> {
    const scores = await this.score(
      samples.map((s) => s.image),
      { ...opts, mcSamples: 0 },
    );
    return metricsFromScores(this.config, samples, scores, opts.threshold, opts.decisionThreshold ?? this.meta.decisionThreshold ?? 0.5);
  }

  async save(opts: SaveOptions = {}): Promise<Uint8Array> {
    const meta: ModelMeta = { ...this.meta, savedAt: new Date().toISOString(), ...(opts.extra ? { extra: opts.extra } : {}) };
    return saveBytes(this.live(), this.config, meta, this.optimizer.state);
  }

  /** Worker replicas hold a copy of the weights: drop them when the weights change or the model goes. */
  private async dropScorePool(): Promise<void> {
    const sp = this.scorePool;
    this.scorePool = null;
    if (sp) await (await sp.pool.catch(() => null))?.close();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.dropScorePool();
    void this.dropOrt();
    disposeParams(this.params);
  }
}

/** A fresh, untrained model. */
export async function create(config: LaeConfigInput = {}, opts: LaeOptions = {}): Promise<LaeModel> {
  const c = parseConfig(config);
  const log = resolveLogger(opts.logger);
  const backend = await initBackend({ ...(opts.backend ? { backend: opts.backend } : {}), logger: log });
  const meta: ModelMeta = { formatVersion: FORMAT_VERSION, backend: backend.name, createdAt: new Date().toISOString(), trainedSteps: 0 };
  return new Model(c, backend, createParams(c), meta, log, opts.scoreEngine);
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
  return new Model(opts.expectConfig ? parseConfig(opts.expectConfig) : art.config, backend, params, art.meta, log, opts.scoreEngine, art.optimizer);
}
