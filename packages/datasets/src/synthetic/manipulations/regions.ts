import { type FaceGeometry } from '../face.ts';
import { type Rng } from '../prng.ts';
import { ellipseRegion, type Ellipse } from '../shapes.ts';

// Regions on the face the manipulations act on, derived from the geometry with a little random jitter.

/** Brows to below the mouth, cheek to cheek: what a face swap replaces. */
export function innerFace(g: FaceGeometry, rng: Rng): Uint8Array {
  const [left, right] = g.eyes;
  const top = Math.min(g.brows[0].cy, g.brows[1].cy) - g.brows[0].ry * 2;
  const bottom = g.mouth.cy + g.mouth.ry * rng.range(2, 3);
  const e: Ellipse = {
    cx: g.face.cx + rng.range(-0.5, 0.5),
    cy: (top + bottom) / 2,
    rx: (right.cx - left.cx) / 2 + left.rx * rng.range(1.5, 1.9),
    ry: (bottom - top) / 2,
  };
  return ellipseRegion(g.size, g.size, [e]);
}

export function mouthArea(g: FaceGeometry, rng: Rng): Uint8Array {
  const m = g.mouth;
  return ellipseRegion(g.size, g.size, [{ cx: m.cx, cy: m.cy + m.ry * 0.3, rx: m.rx * rng.range(1.35, 1.6), ry: m.ry * rng.range(2.3, 3) }]);
}

export function eyesArea(g: FaceGeometry, rng: Rng): Uint8Array {
  const grow = rng.range(1.6, 2);
  return ellipseRegion(
    g.size,
    g.size,
    g.eyes.map((e) => ({ cx: e.cx, cy: e.cy - e.ry * 0.6, rx: e.rx * grow, ry: e.ry * grow * 1.9 })),
  );
}

/** One facial feature (eye, nose or mouth) with its surroundings. */
export function featureArea(g: FaceGeometry, rng: Rng): Uint8Array {
  const pick = rng.int(0, 3);
  const eye = g.eyes[pick % 2] as Ellipse;
  const e: Ellipse =
    pick < 2
      ? { cx: eye.cx, cy: eye.cy, rx: eye.rx * rng.range(1.6, 2.1), ry: eye.ry * rng.range(2.6, 3.4) }
      : pick === 2
        ? { cx: g.nose.x, cy: g.nose.y - g.nose.length * 0.3, rx: g.nose.width * rng.range(1.6, 2.1), ry: g.nose.length * rng.range(0.9, 1.2) }
        : { cx: g.mouth.cx, cy: g.mouth.cy, rx: g.mouth.rx * rng.range(1.3, 1.6), ry: g.mouth.ry * rng.range(2.2, 2.8) };
  return ellipseRegion(g.size, g.size, [e]);
}

/** 1–3 overlapping ellipses somewhere on the face: an object removal or a blemish fill. */
export function faceBlob(g: FaceGeometry, rng: Rng, scale = 1): Uint8Array {
  const { cx, cy, rx, ry } = g.face;
  const count = rng.int(1, 3);
  const ax = cx + rng.range(-0.5, 0.5) * rx;
  const ay = cy + rng.range(-0.55, 0.55) * ry;
  const parts: Ellipse[] = [];
  for (let i = 0; i < count; i++) {
    parts.push({
      cx: ax + rng.range(-0.18, 0.18) * rx,
      cy: ay + rng.range(-0.18, 0.18) * ry,
      rx: rx * rng.range(0.16, 0.32) * scale,
      ry: rx * rng.range(0.14, 0.3) * scale,
      angle: rng.range(0, Math.PI),
    });
  }
  return ellipseRegion(g.size, g.size, parts);
}
