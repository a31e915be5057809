import { configOverrideIssues, trainingPlan } from '@lae-studio/lae/config-overrides';
import { fieldErrors, type FieldErrors } from './field-errors';

/**
 * A project's model config overrides checked by the LAE config schema itself (packages/lae: strict, unknown
 * keys and out-of-range values refused, each named by its path), as field errors under `modelConfig`. Null
 * when valid. The settings route and the project form in the browser both use it.
 */
export function modelConfigErrors(overrides: unknown): { message: string; fields: FieldErrors } | null {
  const issues = configOverrideIssues(overrides);
  return issues.length ? fieldErrors(issues, { at: 'modelConfig', prefix: 'Model config' }) : null;
}

/** How rounds train under the overrides as typed in the form (JSON text; empty = none); null while invalid. */
export function modelTrainingPlan(text: string): string | null {
  try {
    return trainingPlan(JSON.parse(text.trim() || '{}'));
  } catch {
    return null;
  }
}
