import type { Db } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export interface ProjectRows {
  project: Prisma.ProjectUncheckedCreateInput & { id: string };
  samples: Prisma.SampleCreateManyInput[];
  /** Model versions are inserted before rounds (a round names its input model), their roundId set afterwards. */
  models: Prisma.ModelVersionCreateManyInput[];
  modelRounds: { modelVersionId: string; roundId: string }[];
  rounds: Prisma.RoundCreateManyInput[];
  tasks: Prisma.AnnotationTaskCreateManyInput[];
  masks: Prisma.MaskCreateManyInput[];
  artifacts: { modelVersionId: string; format: string; sha256: string; bytes: Uint8Array<ArrayBuffer> }[];
  auditEvents: Prisma.AuditEventCreateManyInput[];
  promotedModelId: string | null;
  /** Recorded as the project's `project.restore` audit event. */
  restore: { from: string; createdAt: string; asCopy: boolean };
}

/** Write a restored project's rows in one transaction (all or nothing), in the order their foreign keys need. */
export async function insertProjectRows(db: Db, rows: ProjectRows): Promise<void> {
  const projectId = rows.project.id;
  await db.$transaction(
    async (tx) => {
      await tx.project.create({ data: { ...rows.project, promotedModelId: null } });
      await tx.sample.createMany({ data: rows.samples });
      await tx.modelVersion.createMany({ data: rows.models });
      await tx.round.createMany({ data: rows.rounds });
      for (const m of rows.modelRounds) await tx.modelVersion.update({ where: { id: m.modelVersionId }, data: { roundId: m.roundId } });
      await tx.annotationTask.createMany({ data: rows.tasks });
      await tx.mask.createMany({ data: rows.masks });
      for (const a of rows.artifacts) await tx.modelArtifact.create({ data: a });
      await tx.auditEvent.createMany({ data: rows.auditEvents });
      if (rows.promotedModelId) await tx.project.update({ where: { id: projectId }, data: { promotedModelId: rows.promotedModelId } });
      await tx.auditEvent.create({ data: { action: 'project.restore', projectId, targetType: 'project', targetId: projectId, data: rows.restore } });
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
