// The scoring engine: the encoder on onnxruntime's native CPU kernels where it can run (issue 13: wasm SIMD128 has
// a quarter of the vector width this CPU's native code uses), tfjs otherwise. Only the encoder moves; the heads
// after the latent are score.ts's scoreLatent, tested against the tfjs path in engine.test.ts.
import { type BackendInfo } from '../backend.ts';
import { type LaeConfig } from '../config.ts';
import { readEnv } from '../env.ts';
import { type Params } from '../params.ts';
import { exportEncoderOnnx, ONNX_INPUT, ONNX_OUTPUT, onnxUnsupported } from './export.ts';
// Types only: the package itself is loaded on demand (loadOrt), as it may be absent.
import type * as OrtModule from 'onnxruntime-node';
import type { InferenceSession } from 'onnxruntime-node';

type Ort = typeof OrtModule;

let ortModule: Promise<Ort | Error> | null = null;

/** onnxruntime-node, or why it cannot load (it is an optional dependency: a failed install leaves it out). */
export function loadOrt(): Promise<Ort | Error> {
  // A variable specifier keeps bundlers from resolving the optional native package.
  const pkg = 'onnxruntime-node';
  ortModule ??= (import(/* @vite-ignore */ pkg) as Promise<Ort>).catch((err: unknown) => new Error(`onnxruntime-node is not installed or cannot load (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`));
  return ortModule;
}

/** The encoder compiled into an onnxruntime session: images [n,S,S,3] in [0,1] → latent h [n,g,g,2K]. */
export class OrtEncoder {
  private constructor(
    private readonly ort: Ort,
    private readonly session: InferenceSession,
    private readonly size: number,
  ) {}

  static async open(ort: Ort, p: Params, c: LaeConfig, threads: number): Promise<OrtEncoder> {
    const session = await ort.InferenceSession.create(exportEncoderOnnx(p, c), {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new OrtEncoder(ort, session, c.imageSize);
  }

  /** h of `count` images starting at image `start` of the packed float buffer. */
  async encode(images: Float32Array, start: number, count: number): Promise<{ data: Float32Array; dims: readonly number[] }> {
    const px = this.size * this.size * 3;
    // onnxruntime-node refuses views of a SharedArrayBuffer (packImagesFloat's): slice() copies into a plain one.
    const view = images.subarray(start * px, (start + count) * px);
    const x = new this.ort.Tensor('float32', view.buffer instanceof SharedArrayBuffer ? view.slice() : view, [count, this.size, this.size, 3]);
    const out = await this.session.run({ [ONNX_INPUT]: x });
    const h = out[ONNX_OUTPUT]!;
    return { data: h.data as Float32Array, dims: h.dims };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

export type ScoreEngine = 'auto' | 'onnxruntime' | 'tfjs';

export type EngineChoice = { engine: 'onnxruntime'; ort: Ort } | { engine: 'tfjs'; reason: string };

/**
 * Which engine scores this model. LAE_SCORE_ENGINE=auto (default) takes onnxruntime when it loads, the config is
 * exportable and tfjs runs on the CPU without the native oneDNN kernels (with them tfjs is faster; a native tfjs
 * backend keeps its own kernels, a GPU its device);
 * 'onnxruntime' insists (a clear error when it cannot); 'tfjs' never uses it.
 */
export async function chooseEngine(c: LaeConfig, backend: BackendInfo, requested: ScoreEngine = readEnv().LAE_SCORE_ENGINE): Promise<EngineChoice> {
  if (requested === 'tfjs') return { engine: 'tfjs', reason: 'tfjs asked for (LAE_SCORE_ENGINE or the scoreEngine option)' };
  const unsupported = onnxUnsupported(c);
  if (requested === 'auto') {
    if (unsupported) return { engine: 'tfjs', reason: unsupported };
    if (backend.name !== 'wasm' && backend.name !== 'cpu') return { engine: 'tfjs', reason: `the ${backend.name} backend scores natively` };
    // Issue 13, 2-core AMD EPYC, default model, batch 64: tfjs on the native kernels scored 22,000 / 4,800 img/s at
    // 64² / 128² on one thread (25,000 / 6,200 on two, oneDNN's own threads), onnxruntime 13,300 / 3,100 (8,100 / 2,600).
    if (backend.kernels === 'native') return { engine: 'tfjs', reason: 'its native oneDNN kernels score faster than onnxruntime' };
  }
  const ort = unsupported ? null : await loadOrt();
  const problem = unsupported ?? (ort instanceof Error ? ort.message : null);
  if (requested === 'onnxruntime') {
    if (problem) throw new Error(`LAE_SCORE_ENGINE=onnxruntime cannot score this model: ${problem}. Set LAE_SCORE_ENGINE=auto to fall back to tfjs.`);
    return { engine: 'onnxruntime', ort: ort as Ort };
  }
  if (problem) return { engine: 'tfjs', reason: problem };
  return { engine: 'onnxruntime', ort: ort as Ort };
}
