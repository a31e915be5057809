// The only place this package reads environment variables (zod-validated).
import { z } from 'zod';

export const backendNames = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const;

export const laeEnvSchema = z.object({
  /** Backend override: auto (default) tries tfjs-node-gpu → tfjs-node → wasm → cpu. */
  LAE_BACKEND: z.enum(['auto', ...backendNames]).default('auto'),
  /** Number of threads for data-parallel training / sharded scoring (default: available cores). */
  LAE_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * Engine that scores (encoder forward pass): auto (default: onnxruntime-node's native CPU kernels when installed,
   * the model can be exported and tfjs runs wasm or cpu; tfjs otherwise), onnxruntime (required) or tfjs.
   */
  LAE_SCORE_ENGINE: z.enum(['auto', 'onnxruntime', 'tfjs']).default('auto'),
  /**
   * Who runs the wasm backend's heavy training kernels (convolutions, batch norm + leaky ReLU): auto (default: the
   * native ones of @lae-studio/lae-native when it was built, which needs Debian's libdnnl-dev at install), native
   * (required) or wasm (tfjs's kernels and the JS ones).
   */
  LAE_KERNELS: z.enum(['auto', 'native', 'wasm']).default('auto'),
  /** Set to 0 to silence the internal logger. */
  LAE_LOG: z.enum(['0', '1']).default('1'),
});

export type LaeEnv = z.infer<typeof laeEnvSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): LaeEnv {
  const parsed = laeEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid LAE environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
