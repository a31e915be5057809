'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { loadTask, type LoadResult } from '../sync/load-task';

// Konva needs the DOM: the editor session (and react-konva with it) is loaded on the client only.
const ClientSession = dynamic(() => import('./editor-session').then((m) => m.EditorSession), { ssr: false });

/** Opens a task (lease or resume), loads what the editor needs, then hands over to the session. */
export function TaskEditor({ taskId, userId }: { taskId: string; userId: string }) {
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
    // Trying again only helps when the server could not be reached; a 4xx is an answer (submitted, someone else's…).
    const transient = result.status === 0 || result.status >= 500;
    return (
      <div className="editor-unavailable" data-testid="task-unavailable">
        <h1>{transient ? 'The task could not be loaded' : 'This task is not open for you'}</h1>
        <p className="muted">{result.message}</p>
        {transient && (
          <button type="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        )}{' '}
        <Link href="/work/mine">My work</Link> · <Link href="/work">My tasks</Link>
      </div>
    );
  }
  return <ClientSession key={taskId} loaded={result.loaded} userId={userId} />;
}
