import { engine, type Tensor, type TensorInfo } from '@tensorflow/tfjs-core';

/** Kernels receive TensorInfo; ops called from a composite kernel need Tensors. */
export function asTensor<T extends Tensor = Tensor>(info: TensorInfo): T {
  if ((info as Partial<Tensor>).rank != null) return info as T;
  // Wrapping shares the data id; callers dispose it inside tidy like any other tensor.
  return engine().makeTensorFromTensorInfo(info) as T;
}
