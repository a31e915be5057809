// TF.js model artifacts (topology + weight manifest + weight data) in one byte bundle:
//   "LAE1" | u32 header length | header JSON (utf-8) | weight bytes | u32 CRC-32 of everything before.
import * as tf from '@tensorflow/tfjs-core';
import { architectureKeys, parseConfig, type LaeConfig, type LaeConfigInput } from './config.ts';
import { crc32 } from './crc32.ts';
import { OPTIMIZER_PREFIX, optimizerFromTensors, optimizerTensors, type OptimizerState } from './optimizer-state.ts';
import { paramSpecs, type Params } from './params.ts';

export const FORMAT_VERSION = 1;
const MAGIC = [0x4c, 0x41, 0x45, 0x31]; // "LAE1"

export interface ModelMeta {
  formatVersion: number;
  /** Backend the model was trained / saved on. */
  backend: string;
  createdAt: string;
  savedAt?: string;
  trainedSteps: number;
  /** Decision threshold on p(fake) chosen on validation by the last train() (absent: 0.5). */
  decisionThreshold?: number;
  /** Free-form caller data (data snapshot id, metrics …), stored as JSON. */
  extra?: Record<string, unknown>;
}

interface Header {
  format: 'lae-tfjs';
  formatVersion: number;
  modelTopology: { class: 'LocalityAwareAutoEncoder'; weights: Array<{ name: string; shape: number[]; trainable: boolean }> };
  weightSpecs: tf.io.WeightsManifestEntry[];
  config: LaeConfig;
  meta: ModelMeta;
}

export class LaeArtifactError extends Error {
  constructor(message: string) {
    super(`LAE artifact: ${message}`);
    this.name = 'LaeArtifactError';
  }
}

/** A tf.io handler whose storage is a byte array: save() fills `bytes`, load() reads them. */
export function bytesHandler(target: { bytes: Uint8Array | null }): tf.io.IOHandler {
  return {
    save: async (artifacts) => {
      const userDefinedMetadata = artifacts.userDefinedMetadata as { config: LaeConfig; meta: ModelMeta } | undefined;
      if (!userDefinedMetadata || !artifacts.weightSpecs || !artifacts.weightData) throw new LaeArtifactError('incomplete artifacts');
      const header: Header = {
        format: 'lae-tfjs',
        formatVersion: FORMAT_VERSION,
        modelTopology: artifacts.modelTopology as Header['modelTopology'],
        weightSpecs: artifacts.weightSpecs,
        config: userDefinedMetadata.config,
        meta: userDefinedMetadata.meta,
      };
      const json = new TextEncoder().encode(JSON.stringify(header));
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
      const out = new Uint8Array(8 + json.length + weights.length + 4);
      out.set(MAGIC, 0);
      const view = new DataView(out.buffer);
      view.setUint32(4, json.length, true);
      out.set(json, 8);
      out.set(weights, 8 + json.length);
      view.setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)), true);
      target.bytes = out;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    load: async () => {
      const bytes = target.bytes;
      if (!bytes || bytes.length < 12) throw new LaeArtifactError('too short to be an LAE model');
      if (MAGIC.some((m, i) => bytes[i] !== m)) throw new LaeArtifactError('not an LAE model (bad magic)');
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (view.getUint32(bytes.length - 4, true) !== crc32(bytes.subarray(0, bytes.length - 4))) throw new LaeArtifactError('checksum mismatch (corrupt or truncated)');
      const jsonLength = view.getUint32(4, true);
      if (8 + jsonLength > bytes.length - 4) throw new LaeArtifactError('header length out of range');
      let header: Header;
      try {
        header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength))) as Header;
      } catch (err) {
        throw new LaeArtifactError(`unreadable header (${(err as Error).message})`);
      }
      if (header.format !== 'lae-tfjs') throw new LaeArtifactError(`unknown format '${String(header.format)}'`);
      if (header.formatVersion !== FORMAT_VERSION) throw new LaeArtifactError(`format version ${header.formatVersion} is not supported (this build reads ${FORMAT_VERSION})`);
      const weightData = bytes.slice(8 + jsonLength, bytes.length - 4).buffer;
      return { modelTopology: header.modelTopology, weightSpecs: header.weightSpecs, weightData, userDefinedMetadata: { config: header.config, meta: header.meta } as unknown as Record<string, never> };
    },
  };
}

/** `optimizer`: Adam's state after the last train(), stored beside the weights for a warm start. */
export async function saveBytes(p: Params, c: LaeConfig, meta: ModelMeta, optimizer: OptimizerState | null = null): Promise<Uint8Array> {
  const specs = paramSpecs(c);
  const extra = optimizer ? optimizerTensors(optimizer) : {};
  const named: tf.NamedTensorMap = { ...extra };
  for (const s of specs) named[s.name] = p.get(s.name)!;
  const { data, specs: weightSpecs } = await tf.io.encodeWeights(named);
  tf.dispose(Object.values(extra));
  const target: { bytes: Uint8Array | null } = { bytes: null };
  await bytesHandler(target).save!({
    modelTopology: { class: 'LocalityAwareAutoEncoder', weights: specs.map((s) => ({ name: s.name, shape: s.shape, trainable: s.trainable })) },
    weightSpecs,
    weightData: data,
    format: 'lae-tfjs',
    generatedBy: `tfjs-core ${tf.version_core}`,
    userDefinedMetadata: { config: c, meta } as unknown as Record<string, never>,
  });
  return target.bytes!;
}

export interface LoadedArtifact {
  config: LaeConfig;
  meta: ModelMeta;
  weights: tf.NamedTensorMap;
  /** Adam's state when the artifact carries it (models saved after training, since issue 13). */
  optimizer: OptimizerState | null;
}

/** Reads a bundle; `expect` (optional) must agree with the stored architecture. */
export async function loadBytes(bytes: Uint8Array, expect?: LaeConfigInput): Promise<LoadedArtifact> {
  const artifacts = await bytesHandler({ bytes }).load!();
  const meta = artifacts.userDefinedMetadata as unknown as { config: unknown; meta: ModelMeta };
  let config: LaeConfig;
  try {
    config = parseConfig(meta.config as LaeConfigInput);
  } catch (err) {
    throw new LaeArtifactError(`stored config is invalid: ${(err as Error).message}`);
  }
  if (expect) {
    const want = parseConfig(expect);
    const diff = architectureKeys.filter((k) => JSON.stringify(want[k]) !== JSON.stringify(config[k]));
    if (diff.length) throw new LaeArtifactError(`config mismatch: ${diff.map((k) => `${k} stored ${JSON.stringify(config[k])}, expected ${JSON.stringify(want[k])}`).join('; ')}`);
  }
  const specs = paramSpecs(config);
  const all = artifacts.weightSpecs ?? [];
  const manifest = all.filter((w) => !w.name.startsWith(OPTIMIZER_PREFIX));
  const byName = new Map(manifest.map((w) => [w.name, w]));
  for (const s of specs) {
    const w = byName.get(s.name);
    if (!w) throw new LaeArtifactError(`config mismatch: weight '${s.name}' missing`);
    if (JSON.stringify(w.shape) !== JSON.stringify(s.shape)) throw new LaeArtifactError(`config mismatch: weight '${s.name}' has shape [${w.shape.join(',')}], config implies [${s.shape.join(',')}]`);
  }
  if (manifest.length !== specs.length) throw new LaeArtifactError(`config mismatch: ${manifest.length} weights stored, config implies ${specs.length}`);
  let weights: tf.NamedTensorMap;
  try {
    weights = tf.io.decodeWeights(artifacts.weightData!, all);
  } catch (err) {
    throw new LaeArtifactError(`weights unreadable (${(err as Error).message})`);
  }
  const optimizer = optimizerFromTensors(weights);
  for (const key of Object.keys(weights)) {
    if (!key.startsWith(OPTIMIZER_PREFIX)) continue;
    weights[key]!.dispose();
    delete weights[key];
  }
  return { config, meta: meta.meta, weights, optimizer };
}
