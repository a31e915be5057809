import { type Rng } from './prng.ts';
import { addGaussianNoise, createRaster, valueNoise, type Raster, type Rgb } from './raster.ts';
import { ellipseBounds, ellipseCoverage, type Ellipse } from './shapes.ts';

/** Where the parts of a face are. Shared by a target and its donor so that swapped regions line up. */
export interface FaceGeometry {
  size: number;
  face: Ellipse;
  /** 0 = elliptic face outline, up to ~0.7 = squarer (blend of the 2-norm and the 4-norm). */
  squareness: number;
  /** How much the jaw narrows towards the chin. */
  jawTaper: number;
  eyes: [Ellipse, Ellipse];
  gaze: [number, number];
  brows: [Ellipse, Ellipse];
  nose: { x: number; y: number; width: number; length: number };
  mouth: Ellipse;
  ears: [Ellipse, Ellipse];
  hairStyle: 'short' | 'cap' | 'long' | 'fringe' | 'bald';
  hairline: number;
}

/** Identity and capture conditions: colours, textures, lighting, background, noise. */
export interface FaceLook {
  skin: Rgb;
  hair: Rgb;
  iris: Rgb;
  lips: Rgb;
  brow: Rgb;
  clothes: Rgb;
  background: [Rgb, Rgb];
  backgroundKind: 'gradient' | 'blotches' | 'stripes';
  backgroundAngle: number;
  light: { x: number; y: number; z: number; ambient: number; strength: number; tint: Rgb };
  skinTexture: number;
  hairFrequency: number;
  sensorNoise: number;
}

const HAIR: Rgb[] = [
  [28, 22, 20],
  [62, 42, 28],
  [112, 76, 46],
  [196, 166, 108],
  [150, 64, 34],
  [168, 166, 162],
];
const IRIS: Rgb[] = [
  [90, 58, 36],
  [70, 110, 160],
  [80, 120, 80],
  [120, 100, 60],
  [40, 30, 28],
];

function jitter(rng: Rng, c: Rgb, amount: number): Rgb {
  return [c[0] + rng.range(-amount, amount), c[1] + rng.range(-amount, amount), c[2] + rng.range(-amount, amount)];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export function sampleGeometry(rng: Rng, size: number): FaceGeometry {
  const s = size;
  const rx = s * rng.range(0.2, 0.27);
  const face: Ellipse = { cx: s * (0.5 + rng.range(-0.04, 0.04)), cy: s * (0.5 + rng.range(-0.02, 0.05)), rx, ry: rx * rng.range(1.18, 1.42) };
  const { cx, cy, ry } = face;
  const eyeY = cy - ry * rng.range(0.05, 0.18);
  const eyeDx = rx * rng.range(0.36, 0.46);
  const eyeRx = rx * rng.range(0.15, 0.21);
  const eyeRy = eyeRx * rng.range(0.42, 0.62);
  const browY = eyeY - eyeRy * rng.range(1.9, 2.7);
  const browTilt = rng.range(-0.18, 0.12);
  const browThick = Math.max(0.9, eyeRy * rng.range(0.3, 0.55));
  const mouthW = rx * rng.range(0.34, 0.52);
  return {
    size,
    face,
    squareness: rng.range(0, 0.7),
    jawTaper: rng.range(0.05, 0.3),
    eyes: [
      { cx: cx - eyeDx, cy: eyeY, rx: eyeRx, ry: eyeRy },
      { cx: cx + eyeDx, cy: eyeY, rx: eyeRx, ry: eyeRy },
    ],
    gaze: [rng.range(-0.3, 0.3), rng.range(-0.15, 0.15)],
    brows: [
      { cx: cx - eyeDx, cy: browY, rx: eyeRx * 1.35, ry: browThick, angle: browTilt },
      { cx: cx + eyeDx, cy: browY, rx: eyeRx * 1.35, ry: browThick, angle: -browTilt },
    ],
    nose: { x: cx, y: cy + ry * rng.range(0.12, 0.24), width: rx * rng.range(0.16, 0.24), length: ry * rng.range(0.25, 0.38) },
    mouth: { cx, cy: cy + ry * rng.range(0.46, 0.58), rx: mouthW, ry: mouthW * rng.range(0.2, 0.32) },
    ears: [
      { cx: cx - rx * 0.97, cy: eyeY + ry * 0.12, rx: rx * 0.13, ry: ry * 0.2 },
      { cx: cx + rx * 0.97, cy: eyeY + ry * 0.12, rx: rx * 0.13, ry: ry * 0.2 },
    ],
    hairStyle: rng.pick(['short', 'cap', 'long', 'fringe', 'bald'] as const),
    hairline: rng.range(0.5, 0.72),
  };
}

export function sampleLook(rng: Rng): FaceLook {
  const tone = rng.next();
  const skin = jitter(rng, mix([236, 200, 174], [92, 60, 44], tone), 10);
  const elevation = rng.range(0.3, 0.9);
  const azimuth = rng.range(0, 2 * Math.PI);
  const warm = rng.range(-1, 1);
  return {
    skin,
    hair: jitter(rng, rng.pick(HAIR), 12),
    iris: jitter(rng, rng.pick(IRIS), 10),
    lips: jitter(rng, [skin[0] * 0.82 + 25, skin[1] * 0.55, skin[2] * 0.58], 8),
    brow: jitter(rng, mix(rng.pick(HAIR), [30, 25, 22], 0.5), 8),
    clothes: [rng.range(20, 230), rng.range(20, 230), rng.range(20, 230)],
    background: [
      [rng.range(30, 235), rng.range(30, 235), rng.range(30, 235)],
      [rng.range(30, 235), rng.range(30, 235), rng.range(30, 235)],
    ],
    backgroundKind: rng.pick(['gradient', 'blotches', 'stripes'] as const),
    backgroundAngle: rng.range(0, Math.PI),
    light: {
      x: Math.cos(azimuth) * Math.cos(elevation),
      y: Math.sin(azimuth) * Math.cos(elevation),
      z: Math.sin(elevation),
      ambient: rng.range(0.5, 0.7),
      strength: rng.range(0.3, 0.5),
      tint: [1 + 0.06 * warm, 1, 1 - 0.06 * warm],
    },
    skinTexture: rng.range(2, 7),
    hairFrequency: rng.range(0.6, 1.4),
    sensorNoise: rng.range(1.5, 4),
  };
}

/** Lambert shading of the face as an ellipsoid, so lighting direction shows as a gradient across it. */
function shade(g: FaceGeometry, look: FaceLook, x: number, y: number): number {
  const nx = (x - g.face.cx) / (g.face.rx * 1.15);
  const ny = (y - g.face.cy) / (g.face.ry * 1.15);
  const nz = Math.sqrt(Math.max(0.05, 1 - nx * nx - ny * ny));
  const l = look.light;
  const lambert = Math.max(0, (nx * l.x + ny * l.y + nz * l.z) / Math.sqrt(nx * nx + ny * ny + nz * nz));
  return l.ambient + l.strength * lambert;
}

function faceCoverage(g: FaceGeometry, x: number, y: number): number {
  const { cx, cy, rx, ry } = g.face;
  const dy = (y + 0.5 - cy) / ry;
  const taper = dy > 0 ? 1 - g.jawTaper * dy * dy : 1;
  const dx = (x + 0.5 - cx) / (rx * taper);
  const q = g.squareness;
  const dx2 = dx * dx;
  const dy2 = dy * dy;
  const d = Math.sqrt((1 - q) * (dx2 + dy2) + q * Math.sqrt(dx2 * dx2 + dy2 * dy2));
  const v = (1 - d) * rx * taper + 0.5;
  return v <= 0 ? 0 : v >= 1 ? 1 : v;
}

/** Paints `base × factor(x, y)` over an ellipse with anti-aliased coverage; no per-pixel allocation. */
function paintEllipse(img: Raster, e: Ellipse, base: Rgb, factor: ((x: number, y: number) => number) | null = null, opacity = 1): void {
  const [x0, y0, x1, y1] = ellipseBounds(e, img.width, img.height);
  const { data, width } = img;
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const a = ellipseCoverage(e, x, y) * opacity;
      if (a <= 0) continue;
      const f = factor ? factor(x, y) : 1;
      const k = (y * width + x) * 3;
      data[k] = (data[k] as number) * (1 - a) + base[0] * f * a;
      data[k + 1] = (data[k + 1] as number) * (1 - a) + base[1] * f * a;
      data[k + 2] = (data[k + 2] as number) * (1 - a) + base[2] * f * a;
    }
}

function paintBackground(img: Raster, look: FaceLook, rng: Rng): void {
  const { width, height, data } = img;
  const [a, b] = look.background;
  const ca = Math.cos(look.backgroundAngle);
  const sa = Math.sin(look.backgroundAngle);
  const blotch = look.backgroundKind === 'blotches' ? valueNoise(width, height, Math.max(4, width / 6), rng) : null;
  const stripePeriod = rng.range(6, 18) * (width / 128);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let t = 0.5 + ((x / width - 0.5) * ca + (y / height - 0.5) * sa);
      if (blotch) t += 0.35 * (blotch[y * width + x] as number);
      if (look.backgroundKind === 'stripes') t = 0.5 + 0.5 * Math.sin(((x * ca + y * sa) / stripePeriod) * Math.PI);
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const k = (y * width + x) * 3;
      data[k] = a[0] + (b[0] - a[0]) * t;
      data[k + 1] = a[1] + (b[1] - a[1]) * t;
      data[k + 2] = a[2] + (b[2] - a[2]) * t;
    }
}

function paintHair(img: Raster, g: FaceGeometry, look: FaceLook, strandNoise: Float32Array, front: boolean): void {
  if (g.hairStyle === 'bald') return;
  const { width, height } = img;
  const { cx, cy, rx, ry } = g.face;
  const cap: Ellipse = { cx, cy: cy - ry * 0.12, rx: rx * (g.hairStyle === 'cap' ? 1.06 : 1.14), ry: ry * (g.hairStyle === 'cap' ? 1.02 : 1.1) };
  const hairlineY = cy - ry * (g.hairStyle === 'fringe' ? 0.32 : g.hairline);
  const freq = (look.hairFrequency * 2 * Math.PI) / Math.max(2, width / 48);
  const [x0, y0, x1] = ellipseBounds(cap, width, height);
  const backBottom = g.hairStyle === 'long' ? Math.min(height - 1, Math.ceil(cy + ry * 1.35)) : ellipseBounds(cap, width, height)[3];
  // In front of the face, hair never reaches below the hairline's lowest point (wave ≤ 0.05·ry, side drop ≤ 0.29·ry).
  const bottom = front ? Math.min(backBottom, Math.ceil(hairlineY + ry * 0.36) + 1) : backBottom;
  for (let y = y0; y <= bottom; y++)
    for (let x = x0; x <= x1; x++) {
      let a = ellipseCoverage(cap, x, y);
      if (g.hairStyle === 'long' && y > cap.cy) {
        const side = Math.abs(x + 0.5 - cx) / (rx * 1.2);
        a = Math.max(a, side < 1 && side > 0.55 ? Math.min(1, (1 - side) * rx * 0.5) : 0);
      }
      if (a <= 0) continue;
      if (front) {
        // In front of the face only above the (wavy) hairline.
        const wave = Math.sin(((x - cx) / rx) * 3.1) * ry * 0.05;
        const edge = hairlineY + wave + Math.abs((x - cx) / rx) * ry * 0.25 - (y + 0.5);
        a *= edge <= 0 ? 0 : Math.min(1, edge);
        if (a <= 0) continue;
      }
      // Strands: a triangle wave across x, bent by noise (cheaper than a sine, looks the same at this scale).
      const u = (x * freq + (strandNoise[y * width + x] as number) * 6) / (2 * Math.PI);
      const wave = 2 * Math.abs(2 * (u - Math.floor(u)) - 1) - 1;
      const s = (0.78 + 0.22 * wave) * a;
      const k = (y * width + x) * 3;
      img.data[k] = (img.data[k] as number) * (1 - a) + look.hair[0] * s;
      img.data[k + 1] = (img.data[k + 1] as number) * (1 - a) + look.hair[1] * s;
      img.data[k + 2] = (img.data[k + 2] as number) * (1 - a) + look.hair[2] * s;
    }
}

/** Renders a face-like image: background, clothes, neck, hair, ears, face, eyes, brows, nose, mouth, noise. */
export function renderFace(g: FaceGeometry, look: FaceLook, rng: Rng): Raster {
  const size = g.size;
  const img = createRaster(size, size);
  const { width } = img;
  const { cx, cy, rx, ry } = g.face;
  paintBackground(img, look, rng);

  const skinNoise = valueNoise(size, size, Math.max(2, size / 40), rng);
  const strandNoise = valueNoise(size, size, Math.max(3, size / 16), rng);
  const tint = look.light.tint;
  const skin: Rgb = [look.skin[0] * tint[0], look.skin[1] * tint[1], look.skin[2] * tint[2]];
  /** Brightness of skin at (x, y): lighting, texture and a darkening factor k for recessed parts. */
  const skinFactor = (x: number, y: number, k = 1): number => shade(g, look, x, y) * k * (1 + (look.skinTexture * (skinNoise[y * size + x] as number)) / 128);
  const paintSkin = (x: number, y: number, a: number, k = 1): void => {
    const f = skinFactor(x, y, k) * a;
    const i = (y * width + x) * 3;
    img.data[i] = (img.data[i] as number) * (1 - a) + skin[0] * f;
    img.data[i + 1] = (img.data[i + 1] as number) * (1 - a) + skin[1] * f;
    img.data[i + 2] = (img.data[i + 2] as number) * (1 - a) + skin[2] * f;
  };

  // Clothes and neck.
  paintEllipse(img, { cx, cy: size * 1.12, rx: size * 0.5, ry: size * 0.36 }, look.clothes, (x, y) => 0.85 + 0.15 * (strandNoise[y * size + x] as number));
  const neckX0 = Math.max(0, Math.floor(cx - rx * 0.45));
  const neckX1 = Math.min(size - 1, Math.ceil(cx + rx * 0.45));
  for (let y = Math.floor(cy + ry * 0.4); y < Math.min(size, cy + ry * 1.55); y++)
    for (let x = neckX0; x <= neckX1; x++) {
      const edge = Math.min(x + 0.5 - (cx - rx * 0.42), cx + rx * 0.42 - (x + 0.5));
      const a = Math.max(0, Math.min(1, edge + 0.5));
      if (a > 0) paintSkin(x, y, a, 0.72);
    }

  paintHair(img, g, look, strandNoise, false);
  for (const ear of g.ears) paintEllipse(img, ear, skin, (x, y) => skinFactor(x, y, 0.88));

  // Face.
  for (let y = Math.max(0, Math.floor(cy - ry - 2)); y <= Math.min(size - 1, Math.ceil(cy + ry + 2)); y++)
    for (let x = Math.max(0, Math.floor(cx - rx - 2)); x <= Math.min(size - 1, Math.ceil(cx + rx + 2)); x++) {
      const a = faceCoverage(g, x, y);
      if (a > 0) paintSkin(x, y, a);
    }

  // Eyes: sclera, iris, pupil, upper lid.
  for (const eye of g.eyes) {
    const s = shade(g, look, eye.cx, eye.cy);
    paintEllipse(img, eye, [232 * s, 226 * s, 220 * s]);
    const iris: Ellipse = { cx: eye.cx + g.gaze[0] * eye.rx * 0.5, cy: eye.cy + g.gaze[1] * eye.ry * 0.5, rx: eye.ry * 0.92, ry: eye.ry * 0.92 };
    paintEllipse(img, iris, [look.iris[0] * s, look.iris[1] * s, look.iris[2] * s]);
    paintEllipse(img, { ...iris, rx: iris.rx * 0.45, ry: iris.ry * 0.45 }, [14, 12, 12]);
    paintEllipse(img, { cx: eye.cx, cy: eye.cy - eye.ry * 0.85, rx: eye.rx * 1.05, ry: Math.max(0.6, eye.ry * 0.22) }, [40 * s, 28 * s, 24 * s], null, 0.9);
  }
  for (const brow of g.brows) paintEllipse(img, brow, look.brow, null, 0.92);

  // Nose: a shadowed side along the bridge and two nostrils.
  const n = g.nose;
  const side = look.light.x > 0 ? -1 : 1;
  paintEllipse(img, { cx: n.x + side * n.width * 0.45, cy: n.y - n.length * 0.45, rx: Math.max(0.8, n.width * 0.22), ry: n.length * 0.55 }, skin, (x, y) => skinFactor(x, y, 0.82), 0.8);
  for (const dx of [-1, 1]) paintEllipse(img, { cx: n.x + dx * n.width * 0.38, cy: n.y, rx: Math.max(0.7, n.width * 0.2), ry: Math.max(0.6, n.width * 0.13) }, [60, 38, 34], null, 0.85);

  // Mouth: lips and the line between them.
  const m = g.mouth;
  paintEllipse(img, m, look.lips, (x, y) => shade(g, look, x, y));
  paintEllipse(img, { cx: m.cx, cy: m.cy, rx: m.rx * 0.92, ry: Math.max(0.5, m.ry * 0.16) }, [70, 30, 30], null, 0.9);

  paintHair(img, g, look, strandNoise, true);
  addGaussianNoise(img, look.sensorNoise, rng);
  return img;
}
