'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { loadTask, type LoadResult } from '../sync/load-task';

// Konva needs the DOM: the editor session (and react-konva with it) is loaded on the client only.
const ClientSession = dynamic(() => import('./editor-session').then((m) => m.EditorSession), { ssr: false });

/** Opens a task (lease or resume), loads what the editor needs, then hands over to the session. */
export function TaskEditor({ taskId }: { taskId: string }) {
  const [result, setResult] = useState<LoadResult | null>(null);
  useEffect(() => {
    let live = true;
    loadTask(fetch, taskId).then(
      (r) => live && setResult(r),
      (err: Error) => live && setResult({ ok: false, status: 0, message: err.message }),
    );
    return () => {
      live = false;
    };
  }, [taskId]);

  if (!result) return <p className="editor-loading">Opening the task…</p>;
  if (!result.ok) {
    return (
      <div className="editor-unavailable" data-testid="task-unavailable">
        <h1>This task is not available</h1>
        <p className="muted">{result.message}</p>
        <button type="button" onClick={() => window.location.reload()}>
          Try again
        </button>{' '}
        <Link href="/work">Back to my tasks</Link>
      </div>
    );
  }
  return <ClientSession key={taskId} loaded={result.loaded} />;
}
