import { expireMaskExports, failMaskExport, listUnfinishedMaskExports } from '@lae-studio/db';
import type { LoopContext } from '@lae-studio/loop';
import { JOBS, jobIdFor, type JobProducer } from '@lae-studio/queue';
import { exportFailureMessage } from './export-masks.ts';

export const DEFAULT_EXPORT_TTL_MS = 7 * 86_400_000;

export interface ExportReconcileResult {
  requeuedExports: number;
  failedExports: number;
  expiredExports: number;
  deletedExportFiles: number;
}

/**
 * Mask exports, as reconcile() does rounds: each queued or running export has a live `exportMasks` job
 * (re-enqueued when Redis lost it); one whose job failed for good while the worker's failure handler did not
 * land is marked failed; exports older than the TTL expire, and files no live export names are deleted.
 */
export async function reconcileExports(ctx: Pick<LoopContext, 'db' | 'storage' | 'log'>, producer: JobProducer, opts: { ttlMs: number; now?: Date }): Promise<ExportReconcileResult> {
  const result: ExportReconcileResult = { requeuedExports: 0, failedExports: 0, expiredExports: 0, deletedExportFiles: 0 };
  const queue = producer.queue(JOBS.exportMasks.queue);
  for (const row of await listUnfinishedMaskExports(ctx.db)) {
    const payload = { exportId: row.id };
    const job = await queue.getJob(jobIdFor('exportMasks', payload));
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') {
      if (await failMaskExport(ctx.db, { exportId: row.id, error: exportFailureMessage(job?.failedReason) })) result.failedExports++;
    } else if (state === 'missing' || state === 'unknown' || state === 'completed') {
      if (job) await job.remove().catch(() => undefined);
      await producer.enqueue('exportMasks', payload);
      result.requeuedExports++;
      ctx.log.info({ exportId: row.id, status: row.status, state }, 'reconciler re-enqueued a mask export Postgres says is unfinished');
    }
  }
  const now = opts.now ?? new Date();
  const { expired, releasedKeys } = await expireMaskExports(ctx.db, { olderThan: new Date(now.getTime() - opts.ttlMs) });
  result.expiredExports = expired;
  for (const key of releasedKeys) {
    // A file already gone is fine; any other storage error is logged and the key is not retried (the row has expired).
    const deleted = await ctx.storage.delete(key).catch((err: unknown) => {
      ctx.log.warn({ key, err: (err as Error).message }, 'could not delete an expired export file');
      return false;
    });
    if (deleted) result.deletedExportFiles++;
  }
  return result;
}
