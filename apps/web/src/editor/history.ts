import type { Rect } from './geometry';
import type { MaskBuffer } from './mask-buffer';

/** What one gesture changed: the pixels of its dirty rectangle before and after. Never a whole snapshot. */
export interface Patch {
  label: string;
  rect: Rect;
  before: Uint8Array;
  after: Uint8Array;
}

/** Bytes a patch holds (its before and after pixels). */
const cost = (p: Patch) => p.before.byteLength + p.after.byteLength;

/** Undo/redo stacks of patches, bounded by total bytes so a long session cannot exhaust memory. */
export class History {
  private done: Patch[] = [];
  private undone: Patch[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  push(patch: Patch): void {
    this.done.push(patch);
    this.bytes += cost(patch);
    // A new gesture discards the redo stack: its bytes leave the budget with it (both stacks are counted).
    for (const dropped of this.undone) this.bytes -= cost(dropped);
    this.undone = [];
    while (this.bytes > this.maxBytes && this.done.length > 1) {
      this.bytes -= cost(this.done.shift()!);
    }
  }

  undo(buffer: MaskBuffer): Rect | null {
    const patch = this.done.pop();
    if (!patch) return null;
    buffer.write(patch.rect, patch.before);
    this.undone.push(patch);
    return patch.rect;
  }

  redo(buffer: MaskBuffer): Rect | null {
    const patch = this.undone.pop();
    if (!patch) return null;
    buffer.write(patch.rect, patch.after);
    this.done.push(patch);
    return patch.rect;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** The undo stack, oldest first (what the draft keeps across reloads). */
  entries(): readonly Patch[] {
    return this.done;
  }

  /** Replaces both stacks with restored patches (a reloaded draft's history), within the budget. */
  restore(patches: Patch[]): void {
    this.done = [];
    this.undone = [];
    this.bytes = 0;
    for (const p of patches) this.push(p);
  }

  get size(): number {
    return this.done.length;
  }

  /** Bytes held by both stacks (what `maxBytes` bounds). */
  get heldBytes(): number {
    return this.bytes;
  }
}
