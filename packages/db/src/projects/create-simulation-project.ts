import type { Db } from '../client.ts';
import type { Prisma, Project, Strategy } from '../generated/prisma/client.ts';

/**
 * A throw-away project for `simulate` (any image size the model accepts, budgets sized to the run): not a
 * user's project, so it skips the user-facing settings schema and the audit trail.
 */
export async function createSimulationProject(
  db: Db,
  opts: { name: string; slug: string; imageSize: number; modelConfig: Record<string, unknown>; strategy?: Strategy; roundBudgetFraction?: number; totalBudgetFraction?: number },
): Promise<Project> {
  return db.project.create({ data: { ...opts, modelConfig: opts.modelConfig as Prisma.InputJsonObject } });
}
