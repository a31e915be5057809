'use client';
import { promoteModel } from '@/contracts/models';
import { ErrorLine, useJsonAction } from './use-json-action';

export function PromoteButton({ projectId, modelId, label }: { projectId: string; modelId: string; label: string }) {
  const { run, busy, error } = useJsonAction();
  return (
    <>
      <button type="button" className="secondary small" disabled={busy} onClick={() => run(promoteModel, `/api/admin/projects/${projectId}/models/${modelId}/promote`)}>
        {label}
      </button>
      <ErrorLine error={error} />
    </>
  );
}
