import { z } from 'zod';
import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import type { Prisma, Project } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';

/**
 * Editable fields, all optional (a PATCH). Spelled out rather than `projectSettingsSchema.partial()`: zod 4
 * applies defaults inside optional fields, which would reset every omitted setting.
 */
export const updateProjectSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(2000),
    imageSize: z.union([z.literal(32), z.literal(64), z.literal(128), z.literal(256)]),
    strategy: z.enum(['margin', 'entropy', 'attention', 'bald', 'random']),
    diversityWeight: z.number().min(0).max(1),
    roundBudgetFraction: z.number().gt(0).max(1),
    totalBudgetFraction: z.number().gt(0).max(1),
    retrainSchedule: z.string().trim().min(1).max(120).nullable(),
    schedulePaused: z.boolean(),
    promotionMetric: z.enum(['unseen_accuracy', 'unseen_auc', 'seen_accuracy', 'seen_auc']),
    promoteAboveChanceOnly: z.boolean(),
    leaseTtlSeconds: z.number().int().min(60).max(86_400),
    modelConfig: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;

/** Update a project's settings and record what changed (old → new) in the audit trail. */
export async function updateProjectSettings(db: Db, opts: { projectId: string; changes: Record<string, unknown>; actorId: string | null }): Promise<Project> {
  return db.$transaction(async (tx) => {
    const before = await tx.project.findUnique({ where: { id: opts.projectId } });
    if (!before) throw new DomainError('not_found', 'No such project.');
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(opts.changes)) {
      if (v === undefined) continue;
      const old = (before as Record<string, unknown>)[k];
      if (JSON.stringify(old) !== JSON.stringify(v)) changed[k] = { from: old ?? null, to: v };
    }
    if (Object.keys(changed).length === 0) return before;
    const data = Object.fromEntries(Object.entries(changed).map(([k, c]) => [k, c.to])) as Prisma.ProjectUpdateInput;
    const project = await tx.project.update({ where: { id: opts.projectId }, data });
    await recordAuditEvent(tx, { action: 'project.update', actorId: opts.actorId, projectId: project.id, targetType: 'project', targetId: project.id, data: changed as Prisma.InputJsonValue });
    return project;
  });
}
