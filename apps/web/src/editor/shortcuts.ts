// Every editor command has a key; the cheat sheet (?) is generated from this table, so they never disagree.

export type Command =
  | 'tool.brush'
  | 'tool.eraser'
  | 'tool.pan'
  | 'tool.lasso'
  | 'tool.fill'
  | 'lasso.close'
  | 'tolerance.up'
  | 'tolerance.down'
  | 'mask.grow'
  | 'mask.shrink'
  | 'palette.toggle'
  | 'brush.bigger'
  | 'brush.smaller'
  | 'hardness.up'
  | 'hardness.down'
  | 'zoom.in'
  | 'zoom.out'
  | 'zoom.fit'
  | 'zoom.actual'
  | 'mask.toggle'
  | 'opacity.up'
  | 'opacity.down'
  | 'attention.toggle'
  | 'attention.prefill'
  | 'threshold.up'
  | 'threshold.down'
  | 'history.undo'
  | 'history.redo'
  | 'task.noForgery'
  | 'task.skip'
  | 'task.submit'
  | 'help.toggle'
  | 'cancel';

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  altKey?: boolean;
}

export const SHORTCUTS: { keys: string; command: Command; label: string }[] = [
  { keys: 'B', command: 'tool.brush', label: 'Brush' },
  { keys: 'E', command: 'tool.eraser', label: 'Eraser' },
  { keys: 'H', command: 'tool.pan', label: 'Pan tool (or hold Space, or drag with the middle button)' },
  { keys: 'L', command: 'tool.lasso', label: 'Lasso / polygon: drag an outline, or click vertices (Alt: erase)' },
  { keys: 'Enter', command: 'lasso.close', label: 'Fill the polygon (or click its first vertex, or double-click)' },
  { keys: 'F', command: 'tool.fill', label: 'Flood fill similar colour from a click (Alt: erase)' },
  { keys: "'  /  ;", command: 'tolerance.up', label: 'Fill tolerance up / down' },
  { keys: 'G  /  Shift G', command: 'mask.grow', label: 'Grow / shrink the mask by N px (N in the toolbar)' },
  { keys: ']  /  [', command: 'brush.bigger', label: 'Brush size up / down' },
  { keys: '}  /  {', command: 'hardness.up', label: 'Hardness up / down' },
  { keys: '+  /  −', command: 'zoom.in', label: 'Zoom in / out (or the mouse wheel)' },
  { keys: '0', command: 'zoom.fit', label: 'Fit to screen' },
  { keys: '1', command: 'zoom.actual', label: 'Native resolution (100%)' },
  { keys: 'M', command: 'mask.toggle', label: 'Show / hide the mask' },
  { keys: '.  /  ,', command: 'opacity.up', label: 'Mask opacity up / down' },
  { keys: 'C', command: 'palette.toggle', label: 'Colours: standard / colour-blind safe' },
  { keys: 'A', command: 'attention.toggle', label: "Show / hide the model's attention" },
  { keys: 'P', command: 'attention.prefill', label: 'Start from the attention (replaces the mask; undoable)' },
  { keys: '>  /  <', command: 'threshold.up', label: 'Attention threshold up / down' },
  { keys: 'Ctrl Z', command: 'history.undo', label: 'Undo the last stroke' },
  { keys: 'Ctrl Shift Z', command: 'history.redo', label: 'Redo (also Ctrl Y)' },
  { keys: 'N', command: 'task.noForgery', label: 'Submit "no visible forgery"' },
  { keys: 'S', command: 'task.skip', label: 'Skip this task (asks for a reason)' },
  { keys: 'Ctrl Enter', command: 'task.submit', label: 'Submit the mask (an empty one asks first)' },
  { keys: '?', command: 'help.toggle', label: 'This cheat sheet' },
  { keys: 'Esc', command: 'cancel', label: 'Cancel the stroke / close dialogs' },
];

const PLAIN: Record<string, Command> = {
  b: 'tool.brush',
  e: 'tool.eraser',
  h: 'tool.pan',
  l: 'tool.lasso',
  f: 'tool.fill',
  Enter: 'lasso.close',
  "'": 'tolerance.up',
  ';': 'tolerance.down',
  g: 'mask.grow',
  G: 'mask.shrink',
  c: 'palette.toggle',
  ']': 'brush.bigger',
  '[': 'brush.smaller',
  '}': 'hardness.up',
  '{': 'hardness.down',
  '+': 'zoom.in',
  '=': 'zoom.in',
  '-': 'zoom.out',
  _: 'zoom.out',
  '0': 'zoom.fit',
  '1': 'zoom.actual',
  m: 'mask.toggle',
  '.': 'opacity.up',
  ',': 'opacity.down',
  a: 'attention.toggle',
  p: 'attention.prefill',
  '>': 'threshold.up',
  '<': 'threshold.down',
  n: 'task.noForgery',
  s: 'task.skip',
  '?': 'help.toggle',
  Escape: 'cancel',
};

/** The command a key press means, or null. Modifier combinations other than the listed ones mean nothing. */
export function commandForKey(e: KeyLike): Command | null {
  const mod = Boolean(e.ctrlKey || e.metaKey);
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? 'history.redo' : 'history.undo';
    if (key === 'y') return 'history.redo';
    if (key === 'Enter') return 'task.submit';
    return null;
  }
  if (mod || e.altKey) return null;
  // Shifted punctuation arrives as its own character ('{', '>', '?'); a letter with Shift means its upper-case
  // entry when it has one (G shrinks), else the letter (Caps Lock must not disable the shortcuts).
  if (e.key.length === 1 && /[a-z]/i.test(e.key)) return (e.shiftKey ? PLAIN[key.toUpperCase()] : undefined) ?? PLAIN[key] ?? null;
  return PLAIN[e.key] ?? null;
}
