import type { Rect } from './geometry';
import type { MaskBuffer } from './mask-buffer';

/**
 * What one gesture changed: the pixels of its dirty rectangle before and after. Never a whole snapshot.
 * Dense (no `runs`): before and after are the whole rectangle, row-major. Sparse (`runs`): only the pixels
 * of the runs, concatenated in run order; each run is a pair (index of its first pixel in the whole
 * coverage, length) inside one row of `rect`, and pixels outside the runs did not change. A grow or shrink
 * changes a thin band around the boundary, so its patch is sparse.
 */
export interface Patch {
  label: string;
  rect: Rect;
  before: Uint8Array;
  after: Uint8Array;
  runs?: Uint32Array;
}

/** Bytes a patch holds (its before and after pixels, and its runs). */
const cost = (p: Patch) => p.before.byteLength + p.after.byteLength + (p.runs?.byteLength ?? 0);

/** Writes one side of a patch into the buffer. */
export function applyPatch(buffer: MaskBuffer, patch: Patch, side: 'before' | 'after'): void {
  const bytes = patch[side];
  const runs = patch.runs;
  if (!runs) return buffer.write(patch.rect, bytes);
  const { coverage } = buffer;
  for (let r = 0, k = 0; r < runs.length; r += 2) {
    const start = runs[r]!, length = runs[r + 1]!;
    coverage.set(bytes.subarray(k, k + length), start);
    k += length;
  }
}

// Runs of changed pixels closer than this are joined (the unchanged pixels between them are recorded on
// both sides): a run costs 8 bytes, a joined pixel 2.
const JOIN_GAP = 4;
let runScratch = new Uint32Array(1024);

/**
 * The sparse patch that replaces the coverage inside `rect` with `data` (rect.w × rect.h, row-major), or
 * null when nothing differs; the coverage is not written (see applyPatch). Its rectangle is the tight box
 * of the changed pixels, its runs cover only them (short gaps joined).
 */
export function diffPatch(label: string, coverage: Uint8Array, width: number, rect: Rect, data: Uint8Array): Patch | null {
  let runs = runScratch;
  let n = 0, bytes = 0;
  let x0 = rect.w, x1 = -1, y0 = -1, y1 = -1;
  const w = rect.w;
  for (let y = 0; y < rect.h; y++) {
    const row = (rect.y + y) * width + rect.x;
    const from = y * w;
    let x = 0;
    while (x < w) {
      if (coverage[row + x] === data[from + x]) {
        x++;
        continue;
      }
      const start = x;
      let last = x++;
      for (; x < w; x++) {
        if (coverage[row + x] !== data[from + x]) last = x;
        else if (x - last > JOIN_GAP) break;
      }
      if (n + 2 > runs.length) {
        const grown = new Uint32Array(runs.length * 2);
        grown.set(runs);
        runs = runScratch = grown;
      }
      runs[n++] = row + start;
      runs[n++] = last - start + 1;
      bytes += last - start + 1;
      if (start < x0) x0 = start;
      if (last > x1) x1 = last;
      if (y0 < 0) y0 = y;
      y1 = y;
      x = last + 1;
    }
  }
  if (n === 0) return null;
  const before = new Uint8Array(bytes), after = new Uint8Array(bytes);
  for (let r = 0, k = 0; r < n; r += 2) {
    const start = runs[r]!, length = runs[r + 1]!;
    const at = (Math.floor(start / width) - rect.y) * w + (start % width) - rect.x;
    before.set(coverage.subarray(start, start + length), k);
    after.set(data.subarray(at, at + length), k);
    k += length;
  }
  return { label, rect: { x: rect.x + x0, y: rect.y + y0, w: x1 - x0 + 1, h: y1 - y0 + 1 }, before, after, runs: runs.slice(0, n) };
}

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
    applyPatch(buffer, patch, 'before');
    this.undone.push(patch);
    return patch.rect;
  }

  redo(buffer: MaskBuffer): Rect | null {
    const patch = this.undone.pop();
    if (!patch) return null;
    applyPatch(buffer, patch, 'after');
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
