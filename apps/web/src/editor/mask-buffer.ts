import { clipRect, type Rect } from './geometry';

export type PaintMode = 'paint' | 'erase';

/** Coverage at or above this counts as a forged pixel in the stored (binary) mask. */
export const BINARY_THRESHOLD = 128;

/**
 * The mask being edited, at the image's native resolution: one coverage byte per pixel (0–255; soft brush
 * edges are partial coverage). Row-major. Every write reports the rectangle it touched, which is all the
 * renderer redraws and all undo records.
 */
export class MaskBuffer {
  readonly coverage: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.coverage = new Uint8Array(width * height);
  }

  /**
   * One round brush dab centred at (cx, cy) in image pixels. Inside radius × hardness the dab is opaque;
   * beyond it coverage falls off linearly to 0 at the radius. Paint keeps the maximum, erase the minimum.
   */
  stamp(cx: number, cy: number, radius: number, hardness: number, mode: PaintMode): Rect | null {
    const rect = clipRect({ x: cx - radius, y: cy - radius, w: radius * 2 + 1, h: radius * 2 + 1 }, this.width, this.height);
    if (!rect) return null;
    const inner = radius * Math.min(1, Math.max(0, hardness));
    const ramp = radius - inner;
    const r2 = radius * radius;
    const inner2 = inner * inner;
    const { coverage, width } = this;
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      const dy = y + 0.5 - cy;
      const row = y * width;
      for (let x = rect.x; x < rect.x + rect.w; x++) {
        const dx = x + 0.5 - cx;
        const d2 = dx * dx + dy * dy;
        if (d2 > r2) continue;
        const v = d2 <= inner2 || ramp <= 0 ? 255 : Math.round(255 * (1 - (Math.sqrt(d2) - inner) / ramp));
        const i = row + x;
        const current = coverage[i]!;
        if (mode === 'paint') {
          if (v > current) coverage[i] = v;
        } else if (255 - v < current) coverage[i] = 255 - v;
      }
    }
    return rect;
  }

  /** A copy of the coverage inside `rect`. */
  read(rect: Rect): Uint8Array {
    const out = new Uint8Array(rect.w * rect.h);
    for (let y = 0; y < rect.h; y++) {
      const start = (rect.y + y) * this.width + rect.x;
      out.set(this.coverage.subarray(start, start + rect.w), y * rect.w);
    }
    return out;
  }

  write(rect: Rect, data: Uint8Array): void {
    for (let y = 0; y < rect.h; y++) this.coverage.set(data.subarray(y * rect.w, (y + 1) * rect.w), (rect.y + y) * this.width + rect.x);
  }

  full(): Rect {
    return { x: 0, y: 0, w: this.width, h: this.height };
  }

  /** The stored form: 1 where coverage ≥ BINARY_THRESHOLD. */
  toBinary(): Uint8Array {
    const out = new Uint8Array(this.coverage.length);
    for (let i = 0; i < out.length; i++) out[i] = this.coverage[i]! >= BINARY_THRESHOLD ? 1 : 0;
    return out;
  }

  area(): number {
    let n = 0;
    for (let i = 0; i < this.coverage.length; i++) if (this.coverage[i]! >= BINARY_THRESHOLD) n++;
    return n;
  }
}
