'use client';

import { useSyncExternalStore } from 'react';
import type { DraftAutosave } from '../sync/draft-autosave';
import type { LeaseKeeper } from '../sync/lease-keeper';

const SAVE_TEXT = {
  saved: 'All changes saved',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  retrying: 'Offline — retrying',
  conflict: 'A newer draft was saved in another tab: reload to continue there',
  failed: 'Not saved',
} as const;

export function StatusBar({ autosave, lease, submitNote, onReopen }: { autosave: DraftAutosave; lease: LeaseKeeper; submitNote: string | null; onReopen: () => void }) {
  const save = useSyncExternalStore(autosave.subscribe, autosave.getState, autosave.getState);
  const leaseStatus = useSyncExternalStore(lease.subscribe, lease.getStatus, lease.getStatus);
  const bad = save.status === 'retrying' || save.status === 'conflict' || save.status === 'failed';
  return (
    <div className="editor-status" role="status">
      <span data-testid="save-status" data-status={save.status} data-revision={save.savedRevision} className={bad ? 'warn' : ''}>
        {SAVE_TEXT[save.status]}
        {save.status === 'retrying' && save.retryAt ? ` (attempt ${save.attempt})` : ''}
        {save.message && bad ? ` — ${save.message}` : ''}
      </span>
      <span data-testid="lease-status" data-status={leaseStatus} className={leaseStatus === 'held' ? '' : 'warn'}>
        {leaseStatus === 'held' ? 'Task reserved for you' : leaseStatus === 'unreachable' ? 'Server unreachable — your lease is kept while we retry' : 'Your reservation expired; your draft is kept'}
        {leaseStatus === 'lost' && (
          <>
            {' '}
            <button type="button" className="secondary" onClick={onReopen}>
              Reopen the task
            </button>
          </>
        )}
      </span>
      {submitNote && (
        <span data-testid="submit-status" className="warn">
          {submitNote}
        </span>
      )}
    </div>
  );
}
