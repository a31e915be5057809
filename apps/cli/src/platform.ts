import { ensureServices, type Services } from '@lae-studio/services';
import { say } from './output.ts';
import { repoRoot } from './paths.ts';

/** Database and Redis for a CLI command: configured ones, or the embedded ones (started or attached). */
export function platformServices(): Promise<Services> {
  return ensureServices({ repoRoot, log: say });
}
