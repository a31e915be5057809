'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { explainSample } from '@/contracts/data';
import { ErrorLine, useJsonAction } from './use-json-action';

/** Ask the worker for this sample's attention map, then refresh the page until it is there (a minute at most). */
export function ExplainButton({ projectId, sampleId, model }: { projectId: string; sampleId: string; model: string }) {
  const router = useRouter();
  const { run, busy, error } = useJsonAction();
  const [queued, setQueued] = useState<number | null>(null);
  useEffect(() => {
    if (queued === null) return;
    const t = setInterval(() => (Date.now() - queued > 60_000 ? clearInterval(t) : router.refresh()), 2000);
    return () => clearInterval(t);
  }, [queued, router]);
  return (
    <div>
      <button type="button" className="secondary small" disabled={busy || queued !== null} data-testid="explain-sample" onClick={async () => (await run(explainSample, `/api/admin/projects/${projectId}/data/samples/${sampleId}/explain`, {})) && setQueued(Date.now())}>
        {queued === null ? `Compute it with ${model}` : 'Computing…'}
      </button>
      <ErrorLine error={error} />
    </div>
  );
}
