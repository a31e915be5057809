import { expireStaleLeases, listRetrainSchedules } from '@lae-studio/db';
import { expectedSteps, type LoopContext } from '@lae-studio/loop';
import { JOBS, parseSchedule, removeRetrainSchedulersExcept, upsertRetrainScheduler, type JobProducer } from '@lae-studio/queue';
import { enqueueStep, jobIdOf } from './dispatch.ts';
import { DEFAULT_EXPORT_TTL_MS, reconcileExports, type ExportReconcileResult } from './reconcile-exports.ts';

export interface ReconcileResult extends ExportReconcileResult {
  requeued: number;
  schedules: number;
  expiredLeases: number;
}

/**
 * Make Redis agree with Postgres: every active round's pending step has a live job (re-enqueued when Redis
 * lost it, retried when it failed), every project's retrain schedule exists exactly once, and unfinished mask
 * exports have their job while old ones expire (reconcile-exports.ts). The body of
 * the `reconcile` job, which one scheduler on the maintenance queue runs once per LAE_RECONCILE_SECONDS
 * (queue/schedulers.ts); idempotent, so a run that overlaps another changes nothing twice.
 */
export async function reconcile(ctx: LoopContext, producer: JobProducer, opts: { exportTtlMs?: number } = {}): Promise<ReconcileResult> {
  // Leases whose editor went away go back to the queue (they are also reclaimed lazily on lease).
  const { expired } = await expireStaleLeases(ctx.db);
  let requeued = 0;
  for (const step of await expectedSteps(ctx)) {
    const queue = producer.queue(JOBS[step.job].queue);
    const job = await queue.getJob(jobIdOf(step));
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') {
      await job!.retry('failed');
      requeued++;
    } else if (state === 'missing' || state === 'unknown' || state === 'completed') {
      if (job) await job.remove().catch(() => undefined);
      await enqueueStep(producer, step);
      requeued++;
    }
    if (requeued && state !== 'active') ctx.log.info({ step, state }, 'reconciler re-enqueued a step Postgres says is pending');
  }
  const exports = await reconcileExports(ctx, producer, { ttlMs: opts.exportTtlMs ?? DEFAULT_EXPORT_TTL_MS });
  return { requeued, schedules: await syncSchedules(ctx, producer), expiredLeases: expired.length, ...exports };
}

/** One BullMQ job scheduler per project with a retrain schedule (upsert: restarts never duplicate it). */
export async function syncSchedules(ctx: LoopContext, producer: JobProducer): Promise<number> {
  const wanted = new Set<string>();
  for (const p of await listRetrainSchedules(ctx.db)) {
    if (!p.retrainSchedule || p.schedulePaused) continue;
    let schedule;
    try {
      schedule = parseSchedule(p.retrainSchedule);
    } catch (err) {
      ctx.log.warn({ projectId: p.id, err: (err as Error).message }, 'ignoring an invalid retrain schedule');
      continue;
    }
    wanted.add(p.id);
    await upsertRetrainScheduler(producer, p.id, schedule);
  }
  await removeRetrainSchedulersExcept(producer, wanted);
  return wanted.size;
}
