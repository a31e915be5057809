// Comparisons are piecewise constant: their gradient is zero. tfjs lacks some of these, which breaks
// second-order gradients through leakyRelu (its gradient calls greater()).
import * as tf from '@tensorflow/tfjs-core';

export const comparisonKernels = [tf.Greater, tf.GreaterEqual, tf.Less, tf.LessEqual, tf.Equal, tf.NotEqual] as const;

export function registerComparisonGradients(): string[] {
  const added: string[] = [];
  for (const kernelName of comparisonKernels) {
    if (tf.getGradient(kernelName) != null) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => {
        const [a, b] = saved as [tf.Tensor, tf.Tensor];
        return { a: () => tf.zerosLike(a), b: () => tf.zerosLike(b) };
      },
    });
    added.push(kernelName);
  }
  return added;
}
