'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

/** Leases the project's next task and opens it in the editor. */
export function StartButton({ projectId, label = 'Start annotating' }: { projectId: string; label?: string }) {
  const router = useRouter();
  const [state, setState] = useState<'idle' | 'busy' | 'empty' | 'error'>('idle');
  return (
    <>
      <button
        type="button"
        disabled={state === 'busy'}
        data-testid={`start-${projectId}`}
        onClick={async () => {
          setState('busy');
          const res = await fetch('/api/tasks/next', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ projectId }) }).catch(() => null);
          const body = res?.ok ? ((await res.json()) as { task: { id: string } | null }) : null;
          if (body?.task) router.push(`/work/tasks/${body.task.id}`);
          else setState(res?.ok ? 'empty' : 'error');
        }}
      >
        {state === 'busy' ? 'Finding a task…' : label}
      </button>
      {state === 'empty' && <p className="muted">Nothing is waiting in this project right now.</p>}
      {state === 'error' && <p className="error">Could not reach the server. Try again.</p>}
    </>
  );
}
