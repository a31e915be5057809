import type { Db } from '../client.ts';
import { DomainError } from '../errors.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';

/**
 * Promote a ready model version by hand, or roll back to an earlier one (same operation: the project's
 * promoted model is the one the next round scores with). Audited with the previous model id.
 */
export async function setPromotedModel(db: Db, opts: { projectId: string; modelVersionId: string; actorId: string | null }) {
  return db.$transaction(async (tx) => {
    const model = await tx.modelVersion.findFirst({ where: { id: opts.modelVersionId, projectId: opts.projectId }, select: { id: true, status: true, createdAt: true } });
    if (!model) throw new DomainError('not_found', 'No such model version in this project.');
    if (model.status !== 'ready') throw new DomainError('conflict', `Only a ready model can be promoted (this one is ${model.status}).`);
    const project = await tx.project.findUniqueOrThrow({ where: { id: opts.projectId }, select: { promotedModelId: true, promotedModel: { select: { createdAt: true } } } });
    if (project.promotedModelId === model.id) return { changed: false, previous: model.id };
    await tx.project.update({ where: { id: opts.projectId }, data: { promotedModelId: model.id } });
    await tx.modelVersion.update({ where: { id: model.id }, data: { promotedAt: new Date() } });
    const rollback = project.promotedModel ? model.createdAt < project.promotedModel.createdAt : false;
    await recordAuditEvent(tx, {
      action: rollback ? 'model.rollback' : 'model.promote',
      actorId: opts.actorId,
      projectId: opts.projectId,
      targetType: 'model',
      targetId: model.id,
      data: { previous: project.promotedModelId, manual: true },
    });
    return { changed: true, previous: project.promotedModelId };
  });
}
