'use client';

import { useEffect, useState } from 'react';
import { runCommand } from '../run-command';
import type { EditorSessionController } from '../session-controller';
import { commandForKey } from '../shortcuts';
import type { EditorStore } from '../store';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'TEXTAREA' || el.isContentEditable || (el.tagName === 'INPUT' && !['range', 'radio', 'checkbox', 'button'].includes((el as HTMLInputElement).type)));
}

/** The editor's keyboard: shortcuts to commands (not while typing or in a dialog), Space held to pan. Returns whether Space is held. */
export function useEditorKeys({ store, session }: { store: EditorStore; session: EditorSessionController }): boolean {
  const [spaceHeld, setSpaceHeld] = useState(false);
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.key === ' ' && !isTyping(e.target)) {
        e.preventDefault();
        setSpaceHeld(true);
        return;
      }
      const dialog = session.getState().dialog;
      if (e.key === 'Escape') {
        session.cancelDialog();
        runCommand(store, 'cancel', () => undefined);
        return;
      }
      if (dialog || isTyping(e.target)) return; // a dialog's own buttons take Enter
      const command = commandForKey(e);
      if (!command) return;
      e.preventDefault();
      runCommand(store, command, (t) => session.onTask(t));
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
  }, [store, session]);
  return spaceHeld;
}
