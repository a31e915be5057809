// Anti-aliased shape coverage for the face renderer and manipulation regions. Coverage is in [0, 1] with a
// one-pixel soft edge, so shapes look smooth at 64–256 px.

export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** Rotation in radians. */
  angle?: number;
}

/** Normalised radius of (x, y): < 1 inside the ellipse. */
export function ellipseRadius(e: Ellipse, x: number, y: number): number {
  let dx = x - e.cx;
  let dy = y - e.cy;
  if (e.angle) {
    const c = Math.cos(e.angle);
    const s = Math.sin(e.angle);
    const rx = dx * c + dy * s;
    dy = -dx * s + dy * c;
    dx = rx;
  }
  return Math.sqrt((dx * dx) / (e.rx * e.rx) + (dy * dy) / (e.ry * e.ry));
}

export function ellipseCoverage(e: Ellipse, x: number, y: number): number {
  const d = ellipseRadius(e, x + 0.5, y + 0.5);
  const v = (1 - d) * Math.min(e.rx, e.ry) + 0.5;
  return v <= 0 ? 0 : v >= 1 ? 1 : v;
}

/** Integer bounding box of an ellipse (axis-aligned, generous for rotated ones), clipped to the image. */
export function ellipseBounds(e: Ellipse, width: number, height: number): [number, number, number, number] {
  const r = e.angle ? Math.max(e.rx, e.ry) : 0;
  const rx = (r || e.rx) + 2;
  const ry = (r || e.ry) + 2;
  return [
    Math.max(0, Math.floor(e.cx - rx)),
    Math.max(0, Math.floor(e.cy - ry)),
    Math.min(width - 1, Math.ceil(e.cx + rx)),
    Math.min(height - 1, Math.ceil(e.cy + ry)),
  ];
}

/** A binary region (1 inside) made of the union of ellipses. */
export function ellipseRegion(width: number, height: number, ellipses: readonly Ellipse[]): Uint8Array {
  const out = new Uint8Array(width * height);
  for (const e of ellipses) {
    const [x0, y0, x1, y1] = ellipseBounds(e, width, height);
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (ellipseRadius(e, x + 0.5, y + 0.5) <= 1) out[y * width + x] = 1;
  }
  return out;
}

export function regionArea(region: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < region.length; i++) n += region[i] as number;
  return n;
}
