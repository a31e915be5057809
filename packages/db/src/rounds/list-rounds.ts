import type { Db } from '../client.ts';
import { parseModelMetrics, type ModelMetrics } from '../models/model-json.ts';
import { parseRoundProgress, type RoundProgress } from './round-progress.ts';

export type { RoundProgress };

export interface RoundRow {
  id: string;
  number: number;
  status: string;
  trigger: string;
  strategy: string;
  budget: number;
  /** False for a cold-start round (no model to score with): the scoring phase is skipped. */
  scored: boolean;
  progress: RoundProgress | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  tasks: { total: number; open: number; byStatus: Record<string, number> };
  model: { id: string; status: string; metrics: ModelMetrics | null; trainingMs: number | null } | null;
}

/** A project's rounds, newest first, with task counts per status (one GROUP BY) and the model each trained. */
export async function listRounds(db: Db, opts: { projectId: string; take?: number }): Promise<RoundRow[]> {
  const rounds = await db.round.findMany({
    where: { projectId: opts.projectId },
    orderBy: { number: 'desc' },
    take: opts.take ?? 50,
    include: { modelOut: { select: { id: true, status: true, metrics: true, trainingMs: true } } },
  });
  const groups = rounds.length
    ? await db.annotationTask.groupBy({ by: ['roundId', 'status'], where: { roundId: { in: rounds.map((r) => r.id) } }, _count: { _all: true } })
    : [];
  return rounds.map((r) => {
    const byStatus: Record<string, number> = {};
    for (const g of groups) if (g.roundId === r.id) byStatus[g.status] = g._count._all;
    const total = Object.values(byStatus).reduce((n, c) => n + c, 0);
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      trigger: r.trigger,
      strategy: r.strategy,
      budget: r.budget,
      scored: r.modelInId !== null,
      progress: parseRoundProgress(r.progress, r.id),
      error: r.error,
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      completedAt: r.completedAt,
      tasks: { total, open: (byStatus.queued ?? 0) + (byStatus.leased ?? 0), byStatus },
      model: r.modelOut ? { ...r.modelOut, metrics: parseModelMetrics(r.modelOut.metrics, r.modelOut.id) } : null,
    };
  });
}
