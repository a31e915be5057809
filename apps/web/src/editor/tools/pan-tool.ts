import type { Point } from '../geometry';
import type { EditorStore } from '../store';
import type { PointerSample, Tool } from './tool';

/** Pan: idle → panning on pointer down; moves shift the view by the screen delta. Also used for space-drag and the middle button. */
export class PanTool implements Tool {
  readonly id = 'pan' as const;
  state: 'idle' | 'panning' = 'idle';
  private last: Point | null = null;

  down(_store: EditorStore, p: PointerSample): void {
    this.state = 'panning';
    this.last = p.screen;
  }

  move(store: EditorStore, samples: PointerSample[]): void {
    const end = samples.at(-1);
    if (this.state !== 'panning' || !this.last || !end) return;
    const { view } = store.getState();
    store.setView({ ...view, x: view.x + end.screen.x - this.last.x, y: view.y + end.screen.y - this.last.y });
    this.last = end.screen;
  }

  up(): void {
    this.state = 'idle';
    this.last = null;
  }

  cancel(): void {
    this.up();
  }
}
