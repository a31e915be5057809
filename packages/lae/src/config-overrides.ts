// Checking a user's config overrides (a project's "model config" JSON) before it is stored, with messages a
// person can act on. Plain zod only: the web app imports this without TensorFlow.js, in the browser too.
import type { z } from 'zod';
import { laeConfigSchema, warmRoundEpochs } from './config.ts';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One problem with the overrides: a zod issue of the LAE config schema, or an unknown or forbidden key. */
export type ConfigOverrideIssue = Pick<z.core.$ZodIssue, 'code' | 'message'> & { path: PropertyKey[] } & Record<string, unknown>;

/** Keys of `input` (nested objects included) that the parsed config does not have: zod drops them silently. */
function unknownKeys(input: Record<string, unknown>, parsed: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(input).flatMap(([k, v]) => {
    const path = [...prefix, k];
    if (!(k in parsed)) return [path];
    const p = parsed[k];
    return isPlainObject(v) && isPlainObject(p) ? unknownKeys(v, p, path) : [];
  });
}

/**
 * The overrides checked by the LAE config schema itself, strictly: out-of-range values and wrong types as the
 * schema reports them (with their path), unknown keys (top level or nested) refused, and `imageSize` refused
 * (it is the project's own setting). Empty when they are valid.
 */
export function configOverrideIssues(overrides: unknown): ConfigOverrideIssue[] {
  if (!isPlainObject(overrides)) return [{ code: 'custom', path: [], message: 'must be a JSON object, e.g. {"train":{"epochs":30}}' }];
  if ('imageSize' in overrides) return [{ code: 'custom', path: ['imageSize'], message: "is the project's image size: set it there, not here" }];
  const r = laeConfigSchema.safeParse(overrides);
  if (!r.success) return r.error.issues.map((i) => ({ ...i, path: [...i.path] }));
  const known = Object.keys(r.data).join(', ');
  return unknownKeys(overrides, r.data as Record<string, unknown>).map((path) => ({ code: 'custom', path, unknownKey: true, message: `is not a model setting (settings: ${known})` }));
}

/** Problems with LAE config overrides, one line each ("train.epochs: …", "foo: not a model setting"). */
export function configOverrideProblems(overrides: unknown): string[] {
  return configOverrideIssues(overrides).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

/** How rounds train under these overrides, in a sentence (the settings form shows it); null when they are invalid. */
export function trainingPlan(overrides: unknown): string | null {
  if (configOverrideIssues(overrides).length) return null;
  const c = laeConfigSchema.parse(overrides);
  const warm = warmRoundEpochs(c);
  const scratch = `${c.train.epochs} epoch${c.train.epochs === 1 ? '' : 's'} from scratch`;
  if (warm === 0) return `Every round trains ${scratch}.`;
  return `A round trains ${scratch} until a model is promoted, then ${warm} epoch${warm === 1 ? '' : 's'} on from the promoted one (${c.train.warmSchedule} learning rate; train.warmEpochs 0: every round from scratch).`;
}
