import type { Db } from '../client.ts';
import type { Round, RoundTrigger } from '../generated/prisma/client.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { getMaskBudget } from '../projects/mask-budget.ts';
import { ACTIVE_ROUND_STATUSES } from './round-machine.ts';


export type OpenRoundResult =
  | { status: 'opened'; round: Round }
  | { status: 'active'; round: Round }
  | { status: 'budget-spent'; masked: number; total: number }
  | { status: 'no-data' };

/**
 * Open the project's next round, unless one is active (one at a time per project, under an advisory
 * lock so that concurrent triggers — schedule, admin, auto — open one round, not two) or the budget is spent.
 */
export async function openRound(db: Db, opts: { projectId: string; trigger: RoundTrigger; actorId?: string | null }): Promise<OpenRoundResult> {
  const budget = await getMaskBudget(db, { projectId: opts.projectId });
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lae-studio:round:' || ${opts.projectId}))`;
    const active = await tx.round.findFirst({ where: { projectId: opts.projectId, status: { in: [...ACTIVE_ROUND_STATUSES] } }, orderBy: { number: 'desc' } });
    if (active) return { status: 'active', round: active } as const;
    if (budget.trainFakes === 0) return { status: 'no-data' } as const;
    const project = await tx.project.findUniqueOrThrow({ where: { id: opts.projectId } });
    const last = await tx.round.findFirst({ where: { projectId: opts.projectId }, orderBy: { number: 'desc' }, select: { number: true } });
    if (budget.nextRound === 0 && last) return { status: 'budget-spent', masked: budget.masked, total: budget.total } as const;
    const round = await tx.round.create({
      data: {
        projectId: opts.projectId,
        number: (last?.number ?? -1) + 1,
        trigger: opts.trigger,
        // Round 0 has no model to rank candidates with: it selects at random (cold start).
        strategy: project.promotedModelId ? project.strategy : 'random',
        budget: budget.nextRound,
        modelInId: project.promotedModelId,
        startedAt: new Date(),
      },
    });
    await recordAuditEvent(tx, { action: 'round.open', actorId: opts.actorId ?? null, projectId: opts.projectId, targetType: 'round', targetId: round.id, data: { number: round.number, trigger: opts.trigger, budget: round.budget } });
    return { status: 'opened', round } as const;
  });
}
