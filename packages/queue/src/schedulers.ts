import { JOBS } from './jobs.ts';
import type { JobProducer } from './producer.ts';
import type { Schedule } from './schedule.ts';

// The BullMQ job schedulers, defined once: their ids and the jobs they make. Workers upsert them; an upsert
// of an existing scheduler replaces it, so restarts and many workers never duplicate one.

const FINISHED = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

/**
 * Reconciliation runs as ONE scheduler on the maintenance queue, not a timer in each worker: BullMQ makes one
 * job per period and exactly one worker takes it, so N workers reconcile once per period, not N times. Every
 * worker upserts it at start (idempotent), so a Redis that lost it gets it back at the next worker start.
 */
export const RECONCILE_SCHEDULER_ID = 'reconcile';

export async function upsertReconcileScheduler(producer: JobProducer, everyMs: number): Promise<void> {
  await producer.queue(JOBS.reconcile.queue).upsertJobScheduler(
    RECONCILE_SCHEDULER_ID,
    { every: everyMs },
    { name: JOBS.reconcile.name, data: { v: JOBS.reconcile.version, payload: {} }, opts: { attempts: JOBS.reconcile.attempts, ...FINISHED } },
  );
}

const RETRAIN_PREFIX = 'retrain.';
export const retrainSchedulerId = (projectId: string): string => `${RETRAIN_PREFIX}${projectId}`;

/** A project's retrain schedule: a round-open job with trigger 'schedule' at every firing. */
export async function upsertRetrainScheduler(producer: JobProducer, projectId: string, schedule: Schedule): Promise<void> {
  await producer.queue(JOBS.openRound.queue).upsertJobScheduler(retrainSchedulerId(projectId), schedule, {
    name: JOBS.openRound.name,
    data: { v: JOBS.openRound.version, payload: { projectId, trigger: 'schedule' } },
    opts: { attempts: JOBS.openRound.attempts, ...FINISHED },
  });
}

/** Remove every retrain scheduler whose project is not in `keep` (schedule cleared, paused, project gone). */
export async function removeRetrainSchedulersExcept(producer: JobProducer, keep: ReadonlySet<string>): Promise<void> {
  const queue = producer.queue(JOBS.openRound.queue);
  for (const s of await queue.getJobSchedulers()) {
    if (s.key.startsWith(RETRAIN_PREFIX) && !keep.has(s.key.slice(RETRAIN_PREFIX.length))) await queue.removeJobScheduler(s.key);
  }
}
