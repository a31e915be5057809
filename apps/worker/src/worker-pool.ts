import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { failMaskExport, failRound } from '@lae-studio/db';
import { FfmpegMissingError, UnzipError } from '@lae-studio/datasets';
import { explainSample, InvalidModelConfigError, RoundCancelledError, type LoopContext } from '@lae-studio/loop';
import { JOBS, JobPayloadError, parseJob, queueEnv, type JobProducer, type QueueName } from '@lae-studio/queue';
import { ImportPathError, isDataJobOf, runDataJob, type Progress } from './data-jobs.ts';
import { UploadError } from './import-upload.ts';
import { enqueueStep, runStep } from './dispatch.ts';
import { exportFailureMessage } from './export-masks.ts';
import { reconcile } from './reconcile.ts';
import type { Logger } from 'pino';

export interface PoolOptions {
  queues: QueueName[];
  concurrency: number;
  /** Long CPU-bound steps must keep their lock comfortably: a lost lock lets a second worker start. */
  lockMs: number;
  /** Redis key prefix; must match the producers' (LAE_REDIS_PREFIX). */
  prefix?: string;
  connection: Redis;
  producer: JobProducer;
  /** Root of server-side imports. */
  importRoot: string;
  /** Where browser uploads land (shared with the web app), or null when storage is S3. */
  uploads?: string | null;
  /** How long a mask export is kept (LAE_EXPORT_TTL_DAYS); default 7 days. */
  exportTtlMs?: number;
  ctx: Omit<LoopContext, 'signal'>;
  log: Logger;
}

/** BullMQ workers for the given queues, with validation, chaining, failure handling and graceful release. */
export function startWorkers(o: PoolOptions) {
  const running = new Map<string, { job: Job; abort: AbortController; token?: string }>();
  let closing = false;

  const handle = async (job: Job, token?: string) => {
    let parsed;
    try {
      parsed = parseJob(job.name, job.data);
    } catch (err) {
      // A malformed payload can never succeed: log it and fail without retries.
      o.log.error({ job: job.name, id: job.id, err: (err as Error).message }, 'rejected a malformed job');
      throw new UnrecoverableError((err as Error).message);
    }
    const abort = new AbortController();
    running.set(job.id!, { job, abort, ...(token ? { token } : {}) });
    const started = Date.now();
    // Reconciliation runs every few seconds: its start is only worth a debug line.
    o.log[parsed.key === 'reconcile' ? 'debug' : 'info']({ job: job.name, id: job.id, attempt: job.attemptsMade + 1, payload: parsed.payload }, 'job started');
    try {
      if (parsed.key === 'reconcile') {
        const result = await reconcile(o.ctx, o.producer, o.exportTtlMs === undefined ? {} : { exportTtlMs: o.exportTtlMs });
        const changed = result.requeued || result.expiredLeases || result.requeuedExports || result.failedExports || result.expiredExports;
        o.log[changed ? 'info' : 'debug']({ job: job.name, id: job.id, ...result }, 'reconciled');
        return result;
      }
      if (parsed.key === 'explainSample') {
        const result = await explainSample({ ...o.ctx, signal: abort.signal }, parsed.payload);
        o.log.info({ job: job.name, id: job.id, seconds: (Date.now() - started) / 1000, result }, 'job done');
        return result;
      }
      if (isDataJobOf(parsed)) {
        let last: Parameters<Progress>[0] | undefined;
        const progress: Progress = (p) => {
          last = p;
          void job.updateProgress({ ...p, percent: Math.round((100 * p.done) / Math.max(1, p.total)) }).catch(() => undefined);
        };
        const result = await runDataJob({ db: o.ctx.db, storage: o.ctx.storage, importRoot: o.importRoot, uploads: o.uploads ?? null }, parsed, progress);
        await job.updateProgress({ ...last, percent: 100 });
        o.log.info({ job: job.name, id: job.id, seconds: (Date.now() - started) / 1000, result }, 'job done');
        return result;
      }
      const next = await runStep({ ...o.ctx, signal: abort.signal }, parsed);
      for (const step of next) await enqueueStep(o.producer, step);
      o.log.info({ job: job.name, id: job.id, seconds: (Date.now() - started) / 1000, next }, 'job done');
      return { next };
    } catch (err) {
      if (abort.signal.aborted && closing) {
        // Shutting down: hand the job back without spending an attempt; another worker takes it.
        await job.moveToDelayed(Date.now() + 1000, token);
        o.log.warn({ job: job.name, id: job.id }, 'released the job on shutdown');
        throw new DelayedError();
      }
      if (err instanceof InvalidModelConfigError || err instanceof JobPayloadError || err instanceof ImportPathError || err instanceof UploadError || err instanceof UnzipError || err instanceof FfmpegMissingError || err instanceof RoundCancelledError) throw new UnrecoverableError(err.message);
      throw err;
    } finally {
      running.delete(job.id!);
    }
  };

  const workers = o.queues.map(
    (q) =>
      new Worker(q, handle, {
        connection: o.connection,
        prefix: o.prefix ?? queueEnv().LAE_REDIS_PREFIX,
        concurrency: o.concurrency,
        lockDuration: o.lockMs,
        stalledInterval: Math.min(30_000, Math.max(1000, o.lockMs / 2)),
        maxStalledCount: 2,
      }),
  );

  for (const w of workers) {
    w.on('failed', (job, err) => {
      if (!job) return;
      const def = Object.values(JOBS).find((d) => d.name === job.name);
      const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? def?.attempts ?? 1);
      o.log[final ? 'error' : 'warn']({ job: job.name, id: job.id, attempt: job.attemptsMade, final, err: err.message }, final ? 'job failed for good' : 'job failed, will retry');
      const { roundId, exportId } = (job.data as { payload?: { roundId?: unknown; exportId?: unknown } })?.payload ?? {};
      if (final && typeof roundId === 'string') void failRound(o.ctx.db, { roundId, reason: `${job.name}: ${err.message}` }).catch(() => undefined);
      // If this write is lost (the process dies now), the reconciler finds the failed job and marks the export.
      if (final && typeof exportId === 'string') void failMaskExport(o.ctx.db, { exportId, error: exportFailureMessage(err.message) }).catch(() => undefined);
    });
    w.on('error', (err) => o.log.warn({ err: err.message }, 'worker connection error'));
  }

  return {
    workers,
    /** Stop taking jobs; abort running ones (they are released back to the queue), then close. */
    async close() {
      closing = true;
      for (const { abort } of running.values()) abort.abort();
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
