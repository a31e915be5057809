// Checking a user's config overrides (a project's "model config" JSON) before it is stored, with messages a
// person can act on. Plain zod only: the web app imports this without TensorFlow.js.
import { laeConfigSchema } from './config.ts';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys of `input` (nested objects included) that the parsed config does not have: zod drops them silently. */
function unknownKeys(input: Record<string, unknown>, parsed: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(input).flatMap(([k, v]) => {
    const path = prefix + k;
    if (!(k in parsed)) return [path];
    const p = parsed[k];
    return isPlainObject(v) && isPlainObject(p) ? unknownKeys(v, p, `${path}.`) : [];
  });
}

/**
 * Problems with LAE config overrides, one line each ("train.epochs: …", "foo: not a model setting"); empty
 * when they are valid. `imageSize` is the project's own setting, so it may not be overridden here.
 */
export function configOverrideProblems(overrides: unknown): string[] {
  if (!isPlainObject(overrides)) return ['must be a JSON object, e.g. {"train":{"epochs":30}}'];
  if ('imageSize' in overrides) return ['imageSize: set it with the project\'s image size, not here'];
  const r = laeConfigSchema.safeParse(overrides);
  if (!r.success) return r.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
  const known = Object.keys(r.data).join(', ');
  return unknownKeys(overrides, r.data as Record<string, unknown>).map((k) => `${k}: not a model setting (settings: ${known})`);
}
