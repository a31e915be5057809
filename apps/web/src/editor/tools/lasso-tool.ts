import type { Point } from '../geometry';
import { polygonRegion } from '../ops/polygon-fill';
import type { EditorStore } from '../store';
import type { PointerOptions, PointerSample, Tool } from './tool';

/** Screen pixels: a press that moves less is a click (a polygon vertex); a click this close to the first or last vertex closes. */
const CLICK_PX = 4;
const CLOSE_PX = 8;

/**
 * Lasso and polygon fill in one tool. Drag: a freehand outline, filled on release. Click: polygon vertices,
 * one per click; clicking the first vertex, double-clicking or Enter fills it; Esc drops it. Alt fills with
 * "erase". Each fill is one undo step.
 */
export class LassoTool implements Tool {
  readonly id = 'lasso' as const;
  state: 'idle' | 'drawing' | 'polygon' = 'idle';
  private points: Point[] = [];
  private screen: Point[] = [];
  private subtract = false;

  down(store: EditorStore, p: PointerSample, opts: PointerOptions): void {
    if (this.state === 'polygon') {
      const near = (q: Point | undefined) => !!q && Math.hypot(q.x - p.screen.x, q.y - p.screen.y) <= CLOSE_PX;
      if ((this.points.length >= 3 && near(this.screen[0])) || (this.points.length >= 3 && near(this.screen.at(-1)))) return this.close(store);
      this.add(store, p);
      return;
    }
    this.state = 'drawing';
    this.subtract = !!opts.subtract;
    this.points = [];
    this.screen = [];
    this.add(store, p);
  }

  move(store: EditorStore, samples: PointerSample[]): void {
    if (this.state !== 'drawing') return;
    for (const s of samples) {
      const last = this.points.at(-1)!;
      if (Math.hypot(s.image.x - last.x, s.image.y - last.y) >= 0.75) this.add(store, s, false);
    }
    store.setLassoPreview(this.points);
  }

  up(store: EditorStore): void {
    if (this.state !== 'drawing') return;
    const start = this.screen[0]!;
    const travelled = this.screen.some((q) => Math.hypot(q.x - start.x, q.y - start.y) > CLICK_PX);
    if (travelled) return this.close(store);
    // A click: keep its vertex and go on placing vertices.
    this.points = this.points.slice(0, 1);
    this.screen = this.screen.slice(0, 1);
    this.state = 'polygon';
    store.setLassoPreview(this.points);
  }

  /** Enter, or a click on the first vertex: fill the polygon placed so far. */
  close(store: EditorStore): void {
    const points = this.points;
    const subtract = this.subtract;
    this.reset(store);
    const filled = polygonRegion(points, store.width, store.height);
    if (filled) store.applyRegion(subtract ? 'Lasso erase' : 'Lasso fill', filled.region, filled.rect, subtract ? 'erase' : 'paint');
  }

  cancel(store: EditorStore): void {
    if (this.state !== 'idle') this.reset(store);
  }

  private add(store: EditorStore, p: PointerSample, preview = true) {
    this.points.push(p.image);
    this.screen.push(p.screen);
    if (preview) store.setLassoPreview(this.points);
  }

  private reset(store: EditorStore) {
    this.state = 'idle';
    this.points = [];
    this.screen = [];
    store.setLassoPreview(null);
  }
}
