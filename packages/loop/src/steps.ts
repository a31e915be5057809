import { getRound, listActiveRounds, openRound, roundTaskSummary, setRoundProgress, transitionRound, type Round, type RoundStatus, type RoundTrigger } from '@lae-studio/db';
import type { LoopContext } from './context.ts';
import { evaluateRound } from './phases/evaluate-round.ts';
import { scoreRound } from './phases/score-round.ts';
import { selectRound } from './phases/select-round.ts';
import { trainRound } from './phases/train-round.ts';
import { oracleAnnotate } from './oracle.ts';
import { trainBaseline } from './phases/train-baseline.ts';

/** Work that should follow a step: the worker enqueues it, the simulator runs it. */
export type NextStep =
  | { job: 'score' | 'select' | 'train' | 'evaluate'; roundId: string }
  /** `after`: the project's latest round when the step was decided (it names the job: see JOBS.openRound). */
  | { job: 'openRound'; projectId: string; trigger: RoundTrigger; after: { number: number; status: RoundStatus } | null }
  | { job: 'baseline'; projectId: string };

export interface StepOptions {
  /** Open the next round by itself when one completes (the unattended loop). Default true. */
  autoContinue?: boolean;
}

/** The job that moves a round out of its current status (what the reconciler re-enqueues). */
export async function pendingStepFor(ctx: LoopContext, round: Round): Promise<NextStep | null> {
  switch (round.status) {
    case 'pending':
      return { job: round.modelInId ? 'score' : 'select', roundId: round.id };
    case 'scoring':
      return { job: 'score', roundId: round.id };
    case 'selecting':
      return { job: 'select', roundId: round.id };
    case 'annotating':
      return (await roundTaskSummary(ctx.db, { roundId: round.id })).done ? { job: 'train', roundId: round.id } : null;
    case 'training':
      return { job: 'train', roundId: round.id };
    case 'evaluating':
      return { job: 'evaluate', roundId: round.id };
    default:
      return null;
  }
}

/**
 * Open a round (or, when one is annotating and the schedule or an admin asks, close its annotation and
 * train now). Returns the next steps.
 */
export async function stepOpenRound(ctx: LoopContext, projectId: string, trigger: RoundTrigger): Promise<NextStep[]> {
  const result = await openRound(ctx.db, { projectId, trigger });
  if (result.status === 'opened') {
    const r = result.round;
    const moved = await transitionRound(ctx.db, { roundId: r.id, event: r.modelInId ? 'start' : 'coldStart' });
    return moved ? [{ job: r.modelInId ? 'score' : 'select', roundId: r.id }] : [];
  }
  if (result.status === 'active' && trigger !== 'auto' && result.round.status === 'annotating') {
    const moved = await transitionRound(ctx.db, { roundId: result.round.id, event: 'closeAnnotation' });
    return moved ? [{ job: 'train', roundId: moved.id }] : [];
  }
  ctx.log.info({ projectId, trigger, result: result.status }, 'no round opened');
  return [];
}

export async function stepScore(ctx: LoopContext, roundId: string): Promise<NextStep[]> {
  if ((await getRound(ctx.db, { roundId })).status !== 'scoring') return [];
  await scoreRound(ctx, roundId);
  return (await transitionRound(ctx.db, { roundId, event: 'scored' })) ? [{ job: 'select', roundId }] : [];
}

export async function stepSelect(ctx: LoopContext, roundId: string): Promise<NextStep[]> {
  if ((await getRound(ctx.db, { roundId })).status !== 'selecting') return [];
  const { queued } = await selectRound(ctx, roundId);
  if (queued > 0) {
    await transitionRound(ctx.db, { roundId, event: 'selected' });
    return [];
  }
  return (await transitionRound(ctx.db, { roundId, event: 'nothingToAsk' })) ? [{ job: 'train', roundId }] : [];
}

/** The project's no-mask baseline for its current data (trained once per data version). */
export async function stepBaseline(ctx: LoopContext, projectId: string): Promise<NextStep[]> {
  await trainBaseline(ctx, projectId);
  return [];
}

/** Simulation: the oracle answers every open task with its reference mask; training follows. */
export async function stepOracle(ctx: LoopContext, roundId: string): Promise<NextStep[]> {
  if ((await getRound(ctx.db, { roundId })).status !== 'annotating') return [];
  const answered = await oracleAnnotate(ctx.db, roundId);
  ctx.log.info({ roundId, answered }, 'oracle answered the open tasks with reference masks');
  return (await getRound(ctx.db, { roundId })).status === 'training' ? [{ job: 'train', roundId }] : [];
}

export async function stepTrain(ctx: LoopContext, roundId: string): Promise<NextStep[]> {
  // An admin or the schedule may train before every task is answered.
  await transitionRound(ctx.db, { roundId, event: 'closeAnnotation' });
  if ((await getRound(ctx.db, { roundId })).status !== 'training') return [];
  await trainRound(ctx, roundId);
  return (await transitionRound(ctx.db, { roundId, event: 'trained' })) ? [{ job: 'evaluate', roundId }] : [];
}

export async function stepEvaluate(ctx: LoopContext, roundId: string, opts: StepOptions = {}): Promise<NextStep[]> {
  const round = await getRound(ctx.db, { roundId });
  if (round.status !== 'evaluating') return [];
  const { promoted } = await evaluateRound(ctx, roundId);
  const done = await transitionRound(ctx.db, { roundId, event: 'evaluated' });
  if (done) await setRoundProgress(ctx.db, { roundId, progress: { phase: 'completed', percent: 100, promoted } });
  if (!done) return [];
  // Every round is read against the no-mask baseline of the same data: trained (once per data version) after
  // the round's own model, while annotators work on the next round, so it never delays a round's training.
  const baseline: NextStep = { job: 'baseline', projectId: round.projectId };
  return opts.autoContinue === false ? [baseline] : [baseline, { job: 'openRound', projectId: round.projectId, trigger: 'auto', after: { number: done.number, status: done.status } }];
}

/** Every active round's pending step: what must exist in the queues according to Postgres. */
export async function expectedSteps(ctx: LoopContext): Promise<NextStep[]> {
  const steps = await Promise.all((await listActiveRounds(ctx.db)).map((r) => pendingStepFor(ctx, r)));
  return steps.filter((s): s is NextStep => s !== null);
}
