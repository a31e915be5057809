import type { Point } from './geometry';

/** Screen = image × scale + offset. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 32;

export function screenToImage(view: View, p: Point): Point {
  return { x: (p.x - view.x) / view.scale, y: (p.y - view.y) / view.scale };
}

/** Zoom by `factor` keeping the image point under `anchor` (screen coordinates) where it is. */
export function zoomAt(view: View, factor: number, anchor: Point): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: anchor.x - (anchor.x - view.x) * k, y: anchor.y - (anchor.y - view.y) * k };
}

/** The whole image centred in the stage, as large as the stage allows (a 64² image fills it, a 4K one shrinks). */
export function fitView(image: { width: number; height: number }, stage: { width: number; height: number }, padding = 16): View {
  const avail = { w: Math.max(1, stage.width - padding * 2), h: Math.max(1, stage.height - padding * 2) };
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.min(avail.w / image.width, avail.h / image.height)));
  return { scale, x: (stage.width - image.width * scale) / 2, y: (stage.height - image.height * scale) / 2 };
}

/** Native resolution (1 image pixel = 1 screen pixel), centred. */
export function actualSizeView(image: { width: number; height: number }, stage: { width: number; height: number }): View {
  return { scale: 1, x: (stage.width - image.width) / 2, y: (stage.height - image.height) / 2 };
}
