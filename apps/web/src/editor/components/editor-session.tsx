'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { upsampleAttention } from '../attention';
import { emptyRle, maskToRle, rleToBinary } from '../mask-codec';
import { recordDuration } from '../perf';
import { runCommand, type TaskCommand } from '../run-command';
import { commandForKey, type Command } from '../shortcuts';
import { createEditorStore } from '../store';
import { taskApi } from '../sync/api';
import { DraftAutosave } from '../sync/draft-autosave';
import { LeaseKeeper } from '../sync/lease-keeper';
import type { LoadedTask } from '../sync/load-task';
import { submitWithRetry } from '../sync/submit-mask';
import { CheatSheet } from './cheat-sheet';
import MaskCanvas from './mask-canvas';
import { SkipDialog } from './skip-dialog';
import { StatusBar } from './status-bar';
import { Toolbar } from './toolbar';
import { useEditorState } from './use-editor-state';

const api = taskApi((input, init) => fetch(input, init));

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'TEXTAREA' || el.isContentEditable || (el.tagName === 'INPUT' && !['range', 'radio', 'checkbox', 'button'].includes((el as HTMLInputElement).type)));
}

/** One open task: the store, autosave, the lease heartbeat, keyboard shortcuts and the task actions. */
export function EditorSession({ loaded }: { loaded: LoadedTask }) {
  const { task } = loaded;
  const router = useRouter();
  const [store] = useState(() => {
    const s = createEditorStore(task.sample.width, task.sample.height);
    if (loaded.draft) s.loadBinary(rleToBinary(loaded.draft.mask, task.sample.width, task.sample.height));
    if (loaded.attention) s.setAttention(upsampleAttention(loaded.attention.values, loaded.attention.size, task.sample.width, task.sample.height));
    return s;
  });
  const [autosave] = useState(
    () =>
      new DraftAutosave({
        baseRevision: loaded.draft?.revision ?? 0,
        encode: () => maskToRle(store.mask),
        save: (revision, mask) => {
          const start = performance.now();
          return api.saveDraft(task.id, revision, mask).finally(() => recordDuration('lae-autosave', start));
        },
      }),
  );
  const [lease] = useState(() => new LeaseKeeper({ ttlSeconds: task.leaseTtlSeconds, heartbeat: () => api.heartbeat(task.id, task.leaseToken ?? '') }));
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [skipOpen, setSkipOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(task.reviewNote ? `Returned by the reviewer: ${task.reviewNote}` : null);
  const submitId = useRef<string | null>(null);
  const cheatSheetOpen = useEditorState(store, (s) => s.cheatSheetOpen);

  useEffect(() => {
    autosave.start();
    lease.start();
    let last = store.getState().changeCount;
    const off = store.subscribe(() => {
      const count = store.getState().changeCount;
      if (count !== last) {
        last = count;
        autosave.changed();
      }
    });
    const warn = (e: BeforeUnloadEvent) => {
      if (autosave.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      off();
      autosave.dispose();
      lease.stop();
      window.removeEventListener('beforeunload', warn);
    };
  }, [store, autosave, lease]);

  const goNext = useCallback(async () => {
    const next = await api.next(task.projectId).catch(() => null);
    const id = next?.status === 200 ? next.body.task?.id : undefined;
    router.replace(id ? `/work/tasks/${id}` : '/work?done=1');
  }, [router, task.projectId]);

  const submit = useCallback(
    async (noForgery: boolean) => {
      if (busy) return;
      if (noForgery && store.mask.area() > 0 && !window.confirm('Submit "no visible forgery" and discard the painted mask?')) return;
      setBusy(true);
      submitId.current ??= crypto.randomUUID(); // the same id for every retry of this submit
      setNote('Submitting…');
      try {
        const outcome = await submitWithRetry(
          api,
          { taskId: task.id, leaseToken: task.leaseToken ?? '', clientId: submitId.current, noForgery, mask: noForgery ? emptyRle(store.width, store.height) : maskToRle(store.mask) },
          { onRetry: (attempt, delay, message) => setNote(`${message} — retrying in ${Math.round(delay / 1000)} s (attempt ${attempt})`) },
        );
        if (outcome.kind === 'stored') {
          autosave.dispose();
          setNote(`Submitted (version ${outcome.version}). Loading the next task…`);
          await goNext();
          return;
        }
        submitId.current = null;
        setNote(outcome.kind === 'lease-lost' ? `Not submitted: ${outcome.message} Your draft is saved.` : `Not submitted: ${outcome.message}`);
      } catch (err) {
        setNote(`Not submitted: ${(err as Error).message}. Your draft is kept; try again.`);
      }
      setBusy(false);
    },
    [busy, store, task, autosave, goNext],
  );

  const skip = useCallback(
    async (reason: string) => {
      setSkipOpen(false);
      setBusy(true);
      await autosave.flush().catch(() => undefined);
      const answer = await api.release(task.id, task.leaseToken ?? '', reason).catch((err: Error) => ({ status: 0, body: { message: err.message } }));
      if (answer.status === 200) return goNext();
      setNote(`Could not skip: ${answer.body.message ?? answer.status}`);
      setBusy(false);
    },
    [task, autosave, goNext],
  );

  const close = useCallback(async () => {
    setBusy(true);
    await autosave.flush().catch(() => undefined);
    await api.release(task.id, task.leaseToken ?? '').catch(() => undefined);
    router.push('/work');
  }, [task, autosave, router]);

  const onTask = useCallback(
    (c: TaskCommand) => {
      if (c === 'task.submit') void submit(false);
      else if (c === 'task.noForgery') void submit(true);
      else setSkipOpen(true);
    },
    [submit],
  );
  const run = useCallback((c: Command) => runCommand(store, c, onTask), [store, onTask]);

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.key === ' ' && !isTyping(e.target)) {
        e.preventDefault();
        setSpaceHeld(true);
        return;
      }
      if (skipOpen && e.key !== 'Escape') return;
      if (isTyping(e.target) && e.key !== 'Escape') return;
      const command = commandForKey(e);
      if (!command) return;
      e.preventDefault();
      if (command === 'cancel') setSkipOpen(false);
      run(command);
    };
    const up = (e: KeyboardEvent) => {
      if (e.key !== ' ') return;
      if (!isTyping(e.target)) e.preventDefault(); // a focused button must not be pressed by the pan key
      setSpaceHeld(false);
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [run, skipOpen]);

  return (
    <div className="editor" data-testid="editor" data-task-id={task.id} data-width={task.sample.width} data-height={task.sample.height}>
      <header className="editor-header">
        <button type="button" className="secondary" onClick={() => void close()} disabled={busy} title="Save, release the task and go back">
          Close
        </button>
        <strong>{task.projectName}</strong>
        <span className="muted">
          {task.sample.width}×{task.sample.height}
          {task.sample.manipulation ? ` · ${task.sample.manipulation}` : ''}
          {task.score ? ` · p(fake) ${task.score.pFake.toFixed(2)}` : ''}
        </span>
      </header>
      <Toolbar store={store} run={run} busy={busy} />
      <MaskCanvas store={store} image={loaded.image} spaceHeld={spaceHeld} />
      <StatusBar autosave={autosave} lease={lease} submitNote={note} />
      {cheatSheetOpen && <CheatSheet onClose={() => store.toggleCheatSheet(false)} />}
      {skipOpen && <SkipDialog onSkip={(r) => void skip(r)} onCancel={() => setSkipOpen(false)} />}
    </div>
  );
}
