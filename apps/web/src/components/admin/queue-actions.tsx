'use client';
import { retryJob } from '@/contracts/queues';
import { ErrorLine, useJsonAction } from './use-json-action';

export function RetryButton({ queue, jobId }: { queue: string; jobId: string }) {
  const { run, busy, error } = useJsonAction();
  return (
    <>
      <button type="button" className="secondary small" disabled={busy} onClick={() => run(retryJob, `/api/admin/queues/${queue}/jobs/${encodeURIComponent(jobId)}/retry`)}>
        Retry
      </button>
      <ErrorLine error={error} />
    </>
  );
}
