import type { Db } from '../client.ts';
import { parseAuditData } from '../audit/audit-data.ts';
import { DomainError } from '../errors.ts';
import { parseModelConfig } from '../models/model-json.ts';

/**
 * Every row a project backup holds, in a stable order: the project, its samples, every mask version, rounds,
 * tasks, model versions (artifacts are read one at a time by findModelArtifact), its audit trail, the users
 * its masks and tasks name, and the newest applied migration (the schema the rows match). Rows are carried
 * verbatim; the JSON columns whose schema keeps every key (model config, audit data) come back parsed.
 */
export async function readProjectRows(db: Db, opts: { projectId: string }) {
  const project = await db.project.findUnique({ where: { id: opts.projectId } });
  if (!project) throw new DomainError('not_found', `No project ${opts.projectId}.`);
  const [samples, masks, rounds, tasks, models, auditEvents, migration] = await Promise.all([
    db.sample.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' } }),
    db.mask.findMany({ where: { sample: { projectId: project.id } }, orderBy: [{ sampleId: 'asc' }, { version: 'asc' }] }),
    db.round.findMany({ where: { projectId: project.id }, orderBy: { number: 'asc' } }),
    db.annotationTask.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' } }),
    db.modelVersion.findMany({ where: { projectId: project.id }, orderBy: { createdAt: 'asc' } }),
    db.auditEvent.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' } }),
    db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1`,
  ]);
  const userIds = [...new Set([...masks.flatMap((m) => [m.authorId, m.reviewerId]), ...tasks.flatMap((t) => [t.assigneeId, t.leaseHolderId])].filter((x): x is string => !!x))];
  const users = await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } });
  return {
    project,
    samples,
    masks,
    rounds,
    tasks,
    models: models.map((m) => ({ ...m, config: parseModelConfig(m.config, m.id) })),
    auditEvents: auditEvents.map((e) => ({ ...e, data: parseAuditData(e.data, e.id) })),
    users,
    schema: migration[0]?.migration_name ?? null,
  };
}
