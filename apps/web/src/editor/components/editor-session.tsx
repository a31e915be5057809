'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { upsampleAttention } from '../attention';
import { decodeHistory, fromBase64 } from '../history-codec';
import { rleToBinary } from '../mask-codec';
import { recordDuration } from '../perf';
import { loadPrefs, pickPrefs, savePrefs } from '../preferences';
import { runCommand } from '../run-command';
import { EditorSessionController } from '../session-controller';
import { createEditorStore, type EditorStore } from '../store';
import { taskApi } from '../sync/api';
import type { LoadedTask } from '../sync/load-task';
import { CheatSheet } from './cheat-sheet';
import { ConfirmDialog } from './confirm-dialog';
import MaskCanvas from './mask-canvas';
import { SkipDialog } from './skip-dialog';
import { StatusBar } from './status-bar';
import { TaskActions, Toolbar } from './toolbar';
import { useEditorKeys } from './use-editor-keys';
import { useEditorState } from './use-editor-state';

const api = taskApi((input, init) => {
  const start = performance.now();
  const done = fetch(input, init);
  return init?.method === 'PUT' ? done.finally(() => recordDuration('lae-autosave', start)) : done;
});

/** The store for a loaded task: the draft's pixels and undo history, the attention map, the user's preferences. */
function createSessionStore(loaded: LoadedTask, userId: string): EditorStore {
  const { width, height } = loaded.task.sample;
  const prefs = loadPrefs(typeof localStorage === 'undefined' ? null : localStorage, userId);
  const store = createEditorStore(width, height, { ...prefs, brushSize: prefs.brushSize ?? Math.max(4, Math.round(Math.min(width, height) / 24)) });
  if (loaded.draft) {
    store.loadBinary(rleToBinary(loaded.draft.mask, width, height));
    if (loaded.draft.history) store.restoreHistory(decodeHistory(fromBase64(loaded.draft.history), width, height));
  }
  if (loaded.attention) store.setAttention(upsampleAttention(loaded.attention.values, loaded.attention.size, width, height));
  const ctx = Object.assign(document.createElement('canvas'), { width, height }).getContext('2d', { willReadFrequently: true });
  if (ctx) {
    ctx.drawImage(loaded.image, 0, 0);
    store.setImagePixels(ctx.getImageData(0, 0, width, height).data);
  }
  return store;
}

/** One open task: renders the store and the session controller, and forwards the page's lifecycle to it. */
export function EditorSession({ loaded, userId }: { loaded: LoadedTask; userId: string }) {
  const { task } = loaded;
  const router = useRouter();
  const [store] = useState(() => createSessionStore(loaded, userId));
  const [session] = useState(() => new EditorSessionController({ store, task, api, navigate: (p) => router.replace(p), baseRevision: loaded.draft?.revision ?? 0 }));
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  const cheatSheetOpen = useEditorState(store, (s) => s.cheatSheetOpen);
  const spaceHeld = useEditorKeys({ store, session });

  useEffect(() => {
    session.start();
    let saved = JSON.stringify(pickPrefs(store.getState()));
    const offPrefs = store.subscribe(() => {
      const now = JSON.stringify(pickPrefs(store.getState()));
      if (now !== saved) savePrefs(localStorage, userId, pickPrefs(store.getState()));
      saved = now;
    });
    const warn = (e: BeforeUnloadEvent) => {
      if (!session.leave('hidden')) e.preventDefault(); // only when the draft is too large to send on the way out
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') session.leave('hidden');
    };
    const gone = () => session.leave('closing');
    const back = (e: PageTransitionEvent) => {
      if (e.persisted) void session.resume();
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', gone);
    window.addEventListener('pageshow', back);
    return () => {
      offPrefs();
      session.stop();
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', gone);
      window.removeEventListener('pageshow', back);
    };
  }, [store, session, userId]);

  const run = (c: Parameters<typeof runCommand>[1]) => runCommand(store, c, (t) => session.onTask(t));
  return (
    <div className="editor" data-testid="editor" data-task-id={task.id} data-width={task.sample.width} data-height={task.sample.height}>
      <header className="editor-header">
        <button type="button" className="secondary" onClick={() => void session.close()} disabled={state.busy} title="Save, release the task and go back">
          Close
        </button>
        <strong>{task.projectName}</strong>
        <span className="muted">
          {task.sample.width}×{task.sample.height}
          {task.sample.manipulation ? ` · ${task.sample.manipulation}` : ''}
          {task.score ? ` · p(fake) ${task.score.pFake.toFixed(2)}` : ''}
        </span>
        {task.reviewNote && (
          <span className="review-note" data-testid="review-note" role="note">
            Returned by the reviewer: {task.reviewNote}
          </span>
        )}
        <TaskActions run={run} busy={state.busy} />
      </header>
      <Toolbar store={store} run={run} />
      <MaskCanvas store={store} image={loaded.image} spaceHeld={spaceHeld} />
      <StatusBar autosave={session.autosave} lease={session.lease} submitNote={state.note} onReopen={() => void session.reopen()} />
      {cheatSheetOpen && <CheatSheet onClose={() => store.toggleCheatSheet(false)} />}
      {state.dialog === 'skip' && <SkipDialog onSkip={(r) => void session.skip(r)} onCancel={() => session.cancelDialog()} />}
      {state.dialog === 'confirm-empty' && (
        <ConfirmDialog title="Nothing is painted" confirmLabel='Submit "no visible forgery"' onConfirm={() => session.confirm()} onCancel={() => session.cancelDialog()}>
          An empty mask means you found <b>no visible forgery</b> in this image. Submit it as that?
        </ConfirmDialog>
      )}
      {state.dialog === 'confirm-discard' && (
        <ConfirmDialog title="Discard the painted mask?" confirmLabel='Discard and submit "no visible forgery"' onConfirm={() => session.confirm()} onCancel={() => session.cancelDialog()}>
          You painted part of this image. &quot;No visible forgery&quot; submits an empty mask instead.
        </ConfirmDialog>
      )}
    </div>
  );
}
