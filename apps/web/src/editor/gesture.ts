import { unionRect, type Rect } from './geometry';
import type { Patch } from './history';
import type { MaskBuffer } from './mask-buffer';

/**
 * A mark opened when a gesture starts: remembers the mask as it was (one reused scratch copy, not kept in
 * history) and the union of what the gesture touched. Commit turns that rectangle into one Patch; cancel
 * puts the rectangle back.
 */
export class Gesture {
  private dirty: Rect | null = null;

  constructor(
    private readonly buffer: MaskBuffer,
    private readonly scratch: Uint8Array,
    readonly label: string,
  ) {
    scratch.set(buffer.coverage);
  }

  touched(rect: Rect | null): void {
    this.dirty = unionRect(this.dirty, rect);
  }

  get rect(): Rect | null {
    return this.dirty;
  }

  /** The patch for history, or null when nothing changed. */
  commit(): Patch | null {
    const rect = this.dirty;
    if (!rect) return null;
    const before = new Uint8Array(rect.w * rect.h);
    for (let y = 0; y < rect.h; y++) {
      const start = (rect.y + y) * this.buffer.width + rect.x;
      before.set(this.scratch.subarray(start, start + rect.w), y * rect.w);
    }
    const after = this.buffer.read(rect);
    let changed = false;
    for (let i = 0; i < after.length && !changed; i++) changed = after[i] !== before[i];
    return changed ? { label: this.label, rect, before, after } : null;
  }

  /** Restores the touched rectangle; returns it for redrawing. */
  cancel(): Rect | null {
    const rect = this.dirty;
    if (!rect) return null;
    for (let y = 0; y < rect.h; y++) {
      const start = (rect.y + y) * this.buffer.width + rect.x;
      this.buffer.coverage.set(this.scratch.subarray(start, start + rect.w), start);
    }
    return rect;
  }
}
