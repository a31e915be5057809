// The LAE encoder as an ONNX graph, from the model's own weights (issue 13: scoring on a native engine).
// Scoring needs only the encoder: everything after the latent h (p(fake), uncertainty, attention, embedding) is
// computed from h by score.ts's scoreLatent, which engine.test.ts checks against the tfjs path.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import type { onnx as OnnxNamespace } from 'onnx-proto';
import { type LaeConfig } from '../config.ts';
import { disposeFolded, foldEncoder } from '../model.ts';
import { type Params } from '../params.ts';

// onnx-proto is CommonJS without named exports Node can detect: load it through require.
const { onnx } = createRequire(import.meta.url)('onnx-proto') as { onnx: typeof OnnxNamespace };

/** Names of the exported graph's input ([N,S,S,3] floats in [0,1], NHWC as everywhere else) and output ([N,g,g,2K]). */
export const ONNX_INPUT = 'images';
export const ONNX_OUTPUT = 'latent';
/** Operator set the graph is written for (Conv, LeakyRelu, Transpose: unchanged since opset 13). */
export const ONNX_OPSET = 17;

/** Why a config cannot be scored from the exported encoder alone (null: it can). */
export function onnxUnsupported(c: LaeConfig): string | null {
  if (typeof c.attentionLayer === 'number') return `attention at encoder block ${c.attentionLayer} needs a gradient through the encoder`;
  if (c.bnEval === 'batch') return "bnEval 'batch' normalises with each batch's own statistics";
  return null;
}

/** TF 'same' padding [begin, end] for one axis (the odd pixel goes at the end, as in ONNX's SAME_UPPER). */
function samePads(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function floatTensor(name: string, dims: number[], data: Float32Array): OnnxNamespace.TensorProto {
  // raw_data is little-endian float32, as Float32Array is on every platform Node runs on.
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
}

const ints = (name: string, values: number[]) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: values });
const float = (name: string, value: number) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f: value });

/** HWIO kernel → ONNX's OIHW. */
function oihw(kernel: tf.Tensor): Float32Array {
  return tf.tidy(() => tf.transpose(kernel, [3, 2, 0, 1]).dataSync() as Float32Array);
}

/**
 * The encoder as tfjs scores it (model.ts foldEncoder: batch norm's moving statistics folded into each conv):
 * Transpose(NHWC→NCHW) → [Conv → LeakyRelu] per block → 1×1 latent Conv → Transpose(NCHW→NHWC).
 * The batch dimension is symbolic. Throws for configs `onnxUnsupported` names.
 */
export function exportEncoderOnnx(p: Params, c: LaeConfig): Uint8Array {
  const why = onnxUnsupported(c);
  if (why) throw new Error(`LAE: cannot export this model to ONNX: ${why}`);
  const nodes: Array<ReturnType<typeof onnx.NodeProto.create>> = [];
  const inits: Array<ReturnType<typeof onnx.TensorProto.create>> = [];
  nodes.push(onnx.NodeProto.create({ opType: 'Transpose', input: [ONNX_INPUT], output: ['x0'], attribute: [ints('perm', [0, 3, 1, 2])] }));
  const folded = foldEncoder(p, c);
  let x = 'x0';
  let size: number = c.imageSize;
  folded.forEach((l, i) => {
    const [kh, kw, cin, cout] = l.filter.shape;
    const prefix = l.leaky ? `enc${i}` : 'latent';
    inits.push(floatTensor(`${prefix}.w`, [cout, cin, kh, kw], oihw(l.filter)));
    inits.push(floatTensor(`${prefix}.b`, [cout], l.bias.dataSync() as Float32Array));
    const [b, e] = samePads(size, kh, l.stride);
    const conv = l.leaky ? `${prefix}.conv` : `${prefix}.nchw`;
    nodes.push(onnx.NodeProto.create({ opType: 'Conv', input: [x, `${prefix}.w`, `${prefix}.b`], output: [conv], attribute: [ints('kernel_shape', [kh, kw]), ints('strides', [l.stride, l.stride]), ints('pads', [b, b, e, e])] }));
    if (l.leaky) nodes.push(onnx.NodeProto.create({ opType: 'LeakyRelu', input: [conv], output: [`${prefix}.out`], attribute: [float('alpha', c.leakyAlpha)] }));
    x = l.leaky ? `${prefix}.out` : conv;
    size = Math.ceil(size / l.stride);
  });
  disposeFolded(folded);
  nodes.push(onnx.NodeProto.create({ opType: 'Transpose', input: [x], output: [ONNX_OUTPUT], attribute: [ints('perm', [0, 2, 3, 1])] }));

  const k2 = 2 * c.latentChannels;
  const valueInfo = (name: string, dims: Array<number | string>) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
    });
  const graph = onnx.GraphProto.create({
    name: 'lae_encoder',
    node: nodes,
    initializer: inits,
    input: [valueInfo(ONNX_INPUT, ['batch', c.imageSize, c.imageSize, 3])],
    output: [valueInfo(ONNX_OUTPUT, ['batch', size, size, k2])],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: '', version: ONNX_OPSET }], producerName: 'lae-studio', graph });
  return onnx.ModelProto.encode(model).finish();
}
