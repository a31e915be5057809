'use client';

import { useSyncExternalStore } from 'react';
import type { EditorState, EditorStore } from '../store';

export function useEditorState<T>(store: EditorStore, select: (s: EditorState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()), () => select(store.getState()));
}
