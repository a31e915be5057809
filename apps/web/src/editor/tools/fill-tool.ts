import { floodRegion } from '../ops/flood-fill';
import type { EditorStore } from '../store';
import type { PointerOptions, PointerSample, Tool } from './tool';

/**
 * Flood fill on the image: a click fills the connected region of similar colour (within the tolerance of
 * the clicked pixel) into the mask, or erases it with Alt. One undo step per click.
 */
export class FillTool implements Tool {
  readonly id = 'fill' as const;
  readonly state = 'idle';

  down(store: EditorStore, p: PointerSample, opts: PointerOptions): void {
    const pixels = store.imagePixels();
    if (!pixels) return;
    const found = floodRegion(pixels, store.width, store.height, p.image, store.getState().fillTolerance);
    if (found) store.applyRegion(opts.subtract ? 'Fill erase' : 'Fill', found.region, found.rect, opts.subtract ? 'erase' : 'paint');
  }

  move(): void {}
  up(): void {}
  cancel(): void {}
}
