import { JOBS, type JobKey, type JobPayload, type JobProducer } from '@lae-studio/queue';
import { stepBaseline, stepEvaluate, stepOpenRound, stepOracle, stepScore, stepSelect, stepTrain, type LoopContext, type NextStep } from '@lae-studio/loop';

/** Run one job's step of the loop; returns what should follow. Data jobs are handled by runDataJob. */
export function runStep(ctx: LoopContext, key: JobKey, payload: JobPayload<JobKey>): Promise<NextStep[]> {
  switch (key) {
    case 'generateData':
    case 'importData':
    case 'importMasks':
    case 'importVideos':
      throw new Error(`${key} is a data job, not a loop step`);
    case 'openRound': {
      const p = payload as JobPayload<'openRound'>;
      return stepOpenRound(ctx, p.projectId, p.trigger);
    }
    case 'score':
      return stepScore(ctx, (payload as JobPayload<'score'>).roundId);
    case 'select':
      return stepSelect(ctx, (payload as JobPayload<'select'>).roundId);
    case 'baseline':
      return stepBaseline(ctx, (payload as JobPayload<'baseline'>).projectId);
    case 'oracleAnnotate':
      return stepOracle(ctx, (payload as JobPayload<'oracleAnnotate'>).roundId);
    case 'train':
      return stepTrain(ctx, (payload as JobPayload<'train'>).roundId);
    case 'evaluate':
      return stepEvaluate(ctx, (payload as JobPayload<'evaluate'>).roundId);
    case 'reconcile':
      return Promise.resolve([]);
  }
}

/** Enqueue a step (deterministic job ids absorb duplicates). */
export function enqueueStep(producer: JobProducer, step: NextStep): Promise<string> {
  if (step.job === 'openRound') return producer.enqueue('openRound', { projectId: step.projectId, trigger: step.trigger });
  if (step.job === 'baseline') return producer.enqueue('baseline', { projectId: step.projectId });
  return producer.enqueue(step.job, { roundId: step.roundId });
}

export const stepJobKey = (step: NextStep): JobKey => step.job;
export const jobIdOf = (step: NextStep): string =>
  step.job === 'openRound'
    ? JOBS.openRound.jobId({ projectId: step.projectId, trigger: step.trigger })
    : step.job === 'baseline'
      ? JOBS.baseline.jobId({ projectId: step.projectId })
      : JOBS[step.job].jobId({ roundId: step.roundId });
