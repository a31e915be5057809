import type { Db } from '../client.ts';
import { parseDataSummary, parseModelConfig, parseModelMetrics, type DataSummary, type ModelConfig, type ModelMetrics } from './model-json.ts';

export interface ModelRow {
  id: string;
  roundNumber: number | null;
  /** The no-mask baseline (one per data version), not a round's model. */
  baseline: boolean;
  status: string;
  backend: string;
  config: ModelConfig;
  dataSummary: DataSummary | null;
  metrics: ModelMetrics | null;
  trainingMs: number | null;
  createdAt: Date;
  promotedAt: Date | null;
  promoted: boolean;
  artifact: { format: string; sha256: string; bytes: number } | null;
}

/** A project's model versions, newest first; artifact sizes from SQL (the bytes never leave Postgres here). */
export async function listModelVersions(db: Db, opts: { projectId: string }): Promise<ModelRow[]> {
  const [project, models] = await Promise.all([
    db.project.findUnique({ where: { id: opts.projectId }, select: { promotedModelId: true } }),
    db.modelVersion.findMany({
      where: { projectId: opts.projectId },
      orderBy: { createdAt: 'desc' },
      take: 200,
      select: { id: true, baselineFor: true, status: true, backend: true, config: true, dataSummary: true, metrics: true, trainingMs: true, createdAt: true, promotedAt: true, round: { select: { number: true, status: true } } },
    }),
  ]);
  const ids = models.map((m) => m.id);
  const artifacts = ids.length
    ? await db.$queryRaw<{ id: string; format: string; sha256: string; size: number }[]>`
        SELECT "modelVersionId" AS id, format, sha256, octet_length(bytes)::int AS size FROM "ModelArtifact" WHERE "modelVersionId" = ANY(${ids})`
    : [];
  return models.map((m) => {
    const a = artifacts.find((x) => x.id === m.id);
    return {
      id: m.id,
      roundNumber: m.round?.number ?? null,
      baseline: m.baselineFor !== null,
      // A cancelled round's training may still finish and park its model in 'evaluating'; it never will be.
      status: m.round?.status === 'cancelled' && (m.status === 'training' || m.status === 'evaluating') ? 'cancelled' : m.status,
      backend: m.backend,
      config: parseModelConfig(m.config, m.id),
      dataSummary: parseDataSummary(m.dataSummary, m.id),
      metrics: parseModelMetrics(m.metrics, m.id),
      trainingMs: m.trainingMs,
      createdAt: m.createdAt,
      promotedAt: m.promotedAt,
      promoted: project?.promotedModelId === m.id,
      artifact: a ? { format: a.format, sha256: a.sha256, bytes: a.size } : null,
    };
  });
}
