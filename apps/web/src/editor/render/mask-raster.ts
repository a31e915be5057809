import type { Rect } from '../geometry';
import type { MaskBuffer } from '../mask-buffer';

const MASK_RGB = [255, 32, 96] as const;

/**
 * The mask as one native-resolution offscreen canvas (what the Konva Image node shows): pixel changes
 * repaint only their rectangle, once per animation frame, never a node per point.
 */
export class MaskRaster {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;

  constructor(private readonly mask: MaskBuffer) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = mask.width;
    this.canvas.height = mask.height;
    this.ctx = this.canvas.getContext('2d')!;
    this.update(null);
  }

  /** Repaint `rect` (null = all) from the coverage buffer. */
  update(rect: Rect | null): void {
    const r = rect ?? this.mask.full();
    const image = this.ctx.createImageData(r.w, r.h);
    const px = image.data;
    const { coverage, width } = this.mask;
    for (let y = 0; y < r.h; y++) {
      const src = (r.y + y) * width + r.x;
      let dst = y * r.w * 4;
      for (let x = 0; x < r.w; x++, dst += 4) {
        px[dst] = MASK_RGB[0];
        px[dst + 1] = MASK_RGB[1];
        px[dst + 2] = MASK_RGB[2];
        px[dst + 3] = coverage[src + x]!;
      }
    }
    this.ctx.putImageData(image, r.x, r.y);
  }
}

/** The attention map as a heat overlay (transparent → yellow → red), drawn once at image resolution. */
export function attentionCanvas(normalised: Float32Array, width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(width, height);
  for (let i = 0, p = 0; i < normalised.length; i++, p += 4) {
    const v = normalised[i]!;
    image.data[p] = 255;
    image.data[p + 1] = Math.round(255 * (1 - v));
    image.data[p + 2] = 0;
    image.data[p + 3] = Math.round(200 * v);
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}
