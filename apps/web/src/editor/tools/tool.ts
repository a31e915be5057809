import type { Point } from '../geometry';
import type { EditorStore } from '../store';

/** A pointer sample: where it is on the image (pixels) and on the screen (stage pixels). */
export interface PointerSample {
  image: Point;
  screen: Point;
}

/** Per gesture: pan instead of the tool (space held, middle button); subtract instead of add (Alt held). */
export interface PointerOptions {
  pan?: boolean;
  subtract?: boolean;
}

/** A tool is a small state machine driven by pointer events; the store routes events to the active one. */
export interface Tool {
  readonly id: ToolId;
  readonly state: string;
  down(store: EditorStore, p: PointerSample, opts: PointerOptions): void;
  /** Moves batched since the last animation frame, oldest first. */
  move(store: EditorStore, samples: PointerSample[]): void;
  up(store: EditorStore): void;
  cancel(store: EditorStore): void;
}

export type ToolId = 'brush' | 'eraser' | 'pan' | 'lasso' | 'fill';
