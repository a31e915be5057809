import { jobIdFor, type JobProducer, type ParsedJob } from '@lae-studio/queue';
import { stepBaseline, stepEvaluate, stepOpenRound, stepOracle, stepScore, stepSelect, stepTrain, type LoopContext, type NextStep } from '@lae-studio/loop';

/** A job that is one step of the loop (data jobs and reconcile are run by the pool itself). */
export type StepJob = Extract<ParsedJob, { key: 'openRound' | 'score' | 'select' | 'baseline' | 'oracleAnnotate' | 'train' | 'evaluate' }>;

/** Run one job's step of the loop; returns what should follow. */
export function runStep(ctx: LoopContext, job: StepJob): Promise<NextStep[]> {
  switch (job.key) {
    case 'openRound':
      return stepOpenRound(ctx, job.payload.projectId, job.payload.trigger);
    case 'score':
      return stepScore(ctx, job.payload.roundId);
    case 'select':
      return stepSelect(ctx, job.payload.roundId);
    case 'baseline':
      return stepBaseline(ctx, job.payload.projectId);
    case 'oracleAnnotate':
      return stepOracle(ctx, job.payload.roundId);
    case 'train':
      return stepTrain(ctx, job.payload.roundId);
    case 'evaluate':
      return stepEvaluate(ctx, job.payload.roundId);
  }
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
