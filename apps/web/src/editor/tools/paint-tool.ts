import type { Point } from '../geometry';
import type { Gesture } from '../gesture';
import type { PaintMode } from '../mask-buffer';
import type { EditorStore } from '../store';
import type { PointerOptions, PointerSample, Tool, ToolId } from './tool';

/**
 * Brush and eraser: idle → painting on pointer down; each batch of moves stamps dabs along the path
 * (spaced a quarter of the radius apart, so fast strokes stay continuous); pointer up commits one undo
 * entry for the whole stroke; cancel rolls the stroke back.
 */
export class PaintTool implements Tool {
  state: 'idle' | 'painting' = 'idle';
  private gesture: Gesture | null = null;
  private last: Point | null = null;

  constructor(
    readonly id: Extract<ToolId, 'brush' | 'eraser'>,
    private readonly mode: PaintMode,
  ) {}

  /** Alt turns the brush into the eraser (and the eraser into the brush) for one stroke. */
  private activeMode: PaintMode = 'paint';

  down(store: EditorStore, p: PointerSample, opts: PointerOptions): void {
    if (this.state === 'painting') this.up(store);
    this.state = 'painting';
    this.activeMode = opts.subtract ? (this.mode === 'paint' ? 'erase' : 'paint') : this.mode;
    this.gesture = store.openGesture(this.activeMode === 'paint' ? 'Brush stroke' : 'Erase stroke');
    this.last = null;
    this.paintTo(store, [p.image]);
  }

  move(store: EditorStore, samples: PointerSample[]): void {
    if (this.state !== 'painting') return;
    this.paintTo(store, samples.map((s) => s.image));
  }

  up(store: EditorStore): void {
    if (this.state !== 'painting' || !this.gesture) return;
    store.commitGesture(this.gesture);
    this.reset();
  }

  cancel(store: EditorStore): void {
    if (this.state !== 'painting' || !this.gesture) return;
    store.cancelGesture(this.gesture);
    this.reset();
  }

  private reset() {
    this.state = 'idle';
    this.gesture = null;
    this.last = null;
  }

  private paintTo(store: EditorStore, points: Point[]) {
    const { brushSize, hardness } = store.getState();
    const radius = brushSize / 2;
    const spacing = Math.max(0.5, radius / 4);
    const buffer = store.mask;
    for (const p of points) {
      const from = this.last ?? p;
      const dist = Math.hypot(p.x - from.x, p.y - from.y);
      const steps = Math.max(1, Math.ceil(dist / spacing));
      for (let i = this.last ? 1 : 0; i <= steps; i++) {
        const t = i / steps;
        this.gesture!.touched(buffer.stamp(from.x + (p.x - from.x) * t, from.y + (p.y - from.y) * t, radius, hardness, this.activeMode));
      }
      this.last = p;
    }
    store.pixelsChanged(this.gesture!.rect);
  }
}
