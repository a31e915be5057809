import type { Rect } from '../geometry';
import type { MaskBuffer } from '../mask-buffer';
import { attentionRgba, type Palette } from './palette';

/**
 * The mask as one native-resolution offscreen canvas (what the Konva Image node shows): pixel changes
 * repaint only their rectangle, once per animation frame, never a node per point.
 */
export class MaskRaster {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  // One image-sized RGBA buffer kept across frames: the colour channels are written once per colour, a
  // repaint writes only the alpha of its rectangle and puts only that rectangle (no allocation per frame).
  private readonly image: ImageData;
  private rgb: readonly [number, number, number] = [236, 0, 140];

  constructor(private readonly mask: MaskBuffer) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = mask.width;
    this.canvas.height = mask.height;
    this.ctx = this.canvas.getContext('2d')!;
    this.image = this.ctx.createImageData(mask.width, mask.height);
    this.paintColour();
    this.update(null);
  }

  /** A new mask colour repaints everything. */
  setColour(rgb: readonly [number, number, number]): void {
    if (rgb.every((c, i) => c === this.rgb[i])) return;
    this.rgb = rgb;
    this.paintColour();
    this.update(null);
  }

  private paintColour(): void {
    const px = this.image.data;
    const [red, green, blue] = this.rgb;
    for (let p = 0; p < px.length; p += 4) {
      px[p] = red;
      px[p + 1] = green;
      px[p + 2] = blue;
    }
  }

  /** Repaint `rect` (null = all) from the coverage buffer. */
  update(rect: Rect | null): void {
    const r = rect ?? this.mask.full();
    const px = this.image.data;
    const { coverage, width } = this.mask;
    for (let y = r.y; y < r.y + r.h; y++) {
      for (let i = y * width + r.x, end = i + r.w; i < end; i++) px[i * 4 + 3] = coverage[i]!;
    }
    this.ctx.putImageData(this.image, 0, 0, r.x, r.y, r.w, r.h);
  }
}

/** The attention map as a heat overlay in the palette's attention ramp, drawn once at image resolution. */
export function attentionCanvas(normalised: Float32Array, width: number, height: number, palette: Palette): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(width, height);
  for (let i = 0, p = 0; i < normalised.length; i++, p += 4) {
    image.data.set(attentionRgba(palette, normalised[i]!), p);
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** A binary mask (0/1, e.g. the reference) as a translucent fill with its colour, for review. */
export function binaryCanvas(data: Uint8Array, width: number, height: number, rgb: readonly [number, number, number], alpha = 255): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(width, height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    if (!data[i]) continue;
    image.data[p] = rgb[0];
    image.data[p + 1] = rgb[1];
    image.data[p + 2] = rgb[2];
    image.data[p + 3] = alpha;
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}
