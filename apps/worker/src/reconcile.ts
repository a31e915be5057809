import { expireStaleLeases } from '@lae-studio/db';
import { expectedSteps, type LoopContext } from '@lae-studio/loop';
import { JOBS, parseSchedule, type JobProducer } from '@lae-studio/queue';
import { enqueueStep, jobIdOf } from './dispatch.ts';

/**
 * Make Redis agree with Postgres: every active round's pending step has a live job (re-enqueued when Redis
 * lost it, retried when it failed), and every project's retrain schedule exists exactly once.
 */
export async function reconcile(ctx: LoopContext, producer: JobProducer): Promise<{ requeued: number; schedules: number; expiredLeases: number }> {
  // Leases whose editor went away go back to the queue (they are also reclaimed lazily on lease).
  const { expired } = await expireStaleLeases(ctx.db);
  let requeued = 0;
  for (const step of await expectedSteps(ctx)) {
    const queue = producer.queue(JOBS[step.job].queue);
    const id = jobIdOf(step);
    const job = await queue.getJob(id);
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
  return { requeued, schedules: await syncSchedules(ctx, producer), expiredLeases: expired.length };
}

/** One BullMQ job scheduler per project with a retrain schedule (upsert: restarts never duplicate it). */
export async function syncSchedules(ctx: LoopContext, producer: JobProducer): Promise<number> {
  const queue = producer.queue(JOBS.openRound.queue);
  const projects = await ctx.db.project.findMany({ select: { id: true, retrainSchedule: true, schedulePaused: true } });
  const wanted = new Set<string>();
  for (const p of projects) {
    if (!p.retrainSchedule || p.schedulePaused) continue;
    let schedule;
    try {
      schedule = parseSchedule(p.retrainSchedule);
    } catch (err) {
      ctx.log.warn({ projectId: p.id, err: (err as Error).message }, 'ignoring an invalid retrain schedule');
      continue;
    }
    const id = `retrain.${p.id}`;
    wanted.add(id);
    await queue.upsertJobScheduler(id, schedule, {
      name: JOBS.openRound.name,
      data: { v: JOBS.openRound.version, payload: { projectId: p.id, trigger: 'schedule' } },
      opts: { attempts: JOBS.openRound.attempts, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
    });
  }
  for (const s of await queue.getJobSchedulers()) {
    if (s.key.startsWith('retrain.') && !wanted.has(s.key)) await queue.removeJobScheduler(s.key);
  }
  return wanted.size;
}
