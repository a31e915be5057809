import type { Db } from '../client.ts';

/**
 * The model that explains a sample on demand: the project's promoted model, else its newest ready round
 * model, else its newest no-mask baseline. Null when no model is ready. `label` names it for the admin.
 */
export async function findExplainerModel(db: Db, opts: { projectId: string }): Promise<{ id: string; label: string } | null> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { promotedModelId: true } });
  const ready = { projectId: opts.projectId, status: 'ready' as const, artifact: { isNot: null } };
  const select = { id: true, baselineFor: true, round: { select: { number: true } } };
  const model =
    (project?.promotedModelId ? await db.modelVersion.findFirst({ where: { ...ready, id: project.promotedModelId }, select }) : null) ??
    (await db.modelVersion.findFirst({ where: { ...ready, roundId: { not: null } }, orderBy: { createdAt: 'desc' }, select })) ??
    (await db.modelVersion.findFirst({ where: { ...ready, baselineFor: { not: null } }, orderBy: { createdAt: 'desc' }, select }));
  if (!model) return null;
  const label = model.round ? `round ${model.round.number}'s model${model.id === project?.promotedModelId ? ' (promoted)' : ''}` : 'the no-mask baseline';
  return { id: model.id, label };
}
