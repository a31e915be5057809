import type { KeyLike } from '@/editor/shortcuts';

// The reviewer's keys. While correcting, keys that are not listed here go to the editor's own table.

export type ReviewCommand = 'accept' | 'reject' | 'next' | 'previous' | 'mask' | 'attention' | 'reference' | 'correct' | 'save' | 'help';

export const REVIEW_SHORTCUTS: { keys: string; command: ReviewCommand; label: string }[] = [
  { keys: 'A', command: 'accept', label: 'Accept the mask' },
  { keys: 'R', command: 'reject', label: 'Reject: the comment box opens with focus (Ctrl Enter sends)' },
  { keys: 'J  /  →', command: 'next', label: 'Next mask in the queue' },
  { keys: 'K  /  ←', command: 'previous', label: 'Previous mask in the queue' },
  { keys: 'M', command: 'mask', label: "Show / hide the annotator's mask" },
  { keys: 'T', command: 'attention', label: "Show / hide the model's attention" },
  { keys: 'V', command: 'reference', label: 'Show / hide the reference mask (where the sample has one)' },
  { keys: 'E', command: 'correct', label: 'Correct the mask yourself (the editor tools; the original is kept)' },
  { keys: 'Ctrl Enter', command: 'save', label: 'Save the correction as a new version (accepted)' },
  { keys: '+ − 0 1, wheel, Space-drag', command: 'help', label: 'Zoom, fit, native size, pan — as in the editor' },
  { keys: '?', command: 'help', label: 'This sheet' },
];

const PLAIN: Record<string, ReviewCommand> = { a: 'accept', r: 'reject', j: 'next', ArrowRight: 'next', k: 'previous', ArrowLeft: 'previous', m: 'mask', t: 'attention', v: 'reference', e: 'correct', '?': 'help' };

/** The review command of a key press; while correcting, only Ctrl Enter (save) — the rest is the editor's. */
export function reviewCommandForKey(e: KeyLike, correcting: boolean): ReviewCommand | null {
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') return correcting ? 'save' : null;
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return correcting ? null : (PLAIN[key] ?? PLAIN[e.key] ?? null);
}
