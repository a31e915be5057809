import { jobIdFor, type JobPayload, type JobProducer, type ParsedJob } from '@lae-studio/queue';
import { stepBaseline, stepEvaluate, stepOpenRound, stepOracle, stepScore, stepSelect, stepTrain, type LoopContext, type NextStep } from '@lae-studio/loop';

/** A job that is one step of the loop (data jobs and reconcile are run by the pool itself). */
export type StepJob = Extract<ParsedJob, { key: 'openRound' | 'score' | 'select' | 'baseline' | 'oracleAnnotate' | 'train' | 'evaluate' }>;

type StepKey = StepJob['key'];

/** Each step job's loop step. */
const STEPS: { [K in StepKey]: (ctx: LoopContext, p: JobPayload<K>) => Promise<NextStep[]> } = {
  openRound: (ctx, p) => stepOpenRound(ctx, p.projectId, p.trigger),
  score: (ctx, p) => stepScore(ctx, p.roundId),
  select: (ctx, p) => stepSelect(ctx, p.roundId),
  baseline: (ctx, p) => stepBaseline(ctx, p.projectId),
  oracleAnnotate: (ctx, p) => stepOracle(ctx, p.roundId),
  train: (ctx, p) => stepTrain(ctx, p.roundId),
  evaluate: (ctx, p) => stepEvaluate(ctx, p.roundId),
};

/** Run one job's step of the loop; returns what should follow. */
export function runStep<K extends StepKey>(ctx: LoopContext, job: { key: K; payload: JobPayload<K> }): Promise<NextStep[]> {
  return STEPS[job.key](ctx, job.payload);
}

/** The job a step is enqueued as (deterministic ids absorb duplicates). */
function stepJob(step: NextStep): StepJob {
  switch (step.job) {
    case 'openRound':
      return { key: 'openRound', payload: { projectId: step.projectId, trigger: step.trigger, after: step.after } };
    case 'baseline':
      return { key: 'baseline', payload: { projectId: step.projectId } };
    default:
      return { key: step.job, payload: { roundId: step.roundId } };
  }
}

export function enqueueStep(producer: JobProducer, step: NextStep): Promise<string> {
  const job = stepJob(step);
  return producer.enqueue(job.key, job.payload);
}

export const jobIdOf = (step: NextStep): string => {
  const job = stepJob(step);
  return jobIdFor(job.key, job.payload);
};
