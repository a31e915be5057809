'use client';

import { useRef, useSyncExternalStore } from 'react';
import type { EditorState, EditorStore } from '../store';

/** One value of the editor's state: the component re-renders only when it changes (Object.is). */
export function useEditorState<T>(store: EditorStore, select: (s: EditorState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()), () => select(store.getState()));
}

/**
 * Several values at once, as an object: the same object is returned until one of its fields changes
 * (shallow comparison), so the component re-renders only for what it shows, not on every change of the
 * editor's state (a stroke's gesture, the undo counter, the view while panning).
 */
export function useEditorFields<T extends Record<string, unknown>>(store: EditorStore, select: (s: EditorState, store: EditorStore) => T): T {
  const last = useRef<T | null>(null);
  const get = () => {
    const next = select(store.getState(), store);
    const prev = last.current;
    if (prev && Object.keys(next).every((k) => Object.is(prev[k], next[k]))) return prev;
    last.current = next;
    return next;
  };
  return useSyncExternalStore(store.subscribe, get, get);
}
