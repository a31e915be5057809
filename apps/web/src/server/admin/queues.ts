import 'server-only';
import { ALL_QUEUES, type QueueName } from '@lae-studio/queue';
import type { DataJobStatus } from '@/contracts/data';
import { JOB_STATES, type QueueStats } from '@/contracts/queues';
import { getProducer } from '@/server/producer';

export function isQueueName(name: string): name is QueueName {
  return (ALL_QUEUES as string[]).includes(name);
}

/** Counts per state and the newest failures of every queue, from BullMQ's Queue API. */
export async function queueStats(failedLimit = 20): Promise<QueueStats[]> {
  const producer = getProducer();
  return Promise.all(
    ALL_QUEUES.map(async (name) => {
      const q = producer.queue(name);
      const [counts, failed] = await Promise.all([q.getJobCounts(...JOB_STATES), q.getFailed(0, failedLimit - 1)]);
      return {
        name,
        counts: Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) as QueueStats['counts'],
        failed: failed.map((j) => ({
          id: j.id ?? '',
          name: j.name,
          failedReason: j.failedReason ?? '',
          attemptsMade: j.attemptsMade,
          finishedOn: j.finishedOn ?? null,
          payload: (j.data as { payload?: unknown } | undefined)?.payload ?? null,
        })),
      };
    }),
  );
}

/** Retry one failed job; false when it is gone or not failed. */
export async function retryJob(queue: QueueName, jobId: string): Promise<boolean> {
  const job = await getProducer().queue(queue).getJob(jobId);
  if (!job || (await job.getState()) !== 'failed') return false;
  await job.retry('failed');
  return true;
}

/** A data job's state and progress ({done,total,percent} written by the worker), for polling. */
export async function dataJobStatus(jobId: string): Promise<DataJobStatus | null> {
  const queue = getProducer().queue('data');
  // State first: a job read before it completes and a state read after would say "completed" with no result,
  // and the page stops polling on "completed". Completion writes state and return value together.
  const state = await queue.getJobState(jobId);
  const job = await queue.getJob(jobId);
  if (!job || state === 'unknown') return null;
  const progress = typeof job.progress === 'object' && job.progress !== null ? (job.progress as DataJobStatus['progress']) : null;
  return {
    id: job.id ?? jobId,
    name: job.name,
    state,
    progress,
    failedReason: job.failedReason || null,
    result: job.returnvalue ?? null,
    projectId: (job.data as { payload?: { projectId?: string } } | undefined)?.payload?.projectId ?? null,
  };
}
