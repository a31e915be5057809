import { type TensorInfo } from '@tensorflow/tfjs-core';

/**
 * The two methods of tfjs-backend-wasm's backend that kernels written outside it use: allocate an output on the
 * wasm heap, and view a tensor's data there. Views are taken after every output is allocated: an allocation may
 * grow the heap and detach older views.
 */
export interface WasmHeap {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
}
