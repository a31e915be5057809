import { parseConfig, type LaeConfig } from '@lae-studio/lae';
import type { Project } from '@lae-studio/db';

export class InvalidModelConfigError extends Error {
  override name = 'InvalidModelConfigError';
}

/** The LAE config a project trains with: its overrides, with the project's image size on top. */
export function projectModelConfig(project: Pick<Project, 'imageSize' | 'modelConfig'>): LaeConfig {
  const overrides = (project.modelConfig ?? {}) as Record<string, unknown>;
  try {
    return parseConfig({ ...overrides, imageSize: project.imageSize as LaeConfig['imageSize'] });
  } catch (err) {
    throw new InvalidModelConfigError(`project model config is invalid: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A stable 31-bit seed from a string id (round ids seed selection, so a retried select picks the same). */
export function seedOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) & 0x7fffffff;
}
