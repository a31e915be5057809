import { type FaceGeometry } from '../face.ts';
import { poissonFill } from '../poisson.ts';
import { type Rng } from '../prng.ts';
import { boxBlur, cloneRaster, createRaster, sampleBilinear, type Raster } from '../raster.ts';
import { ellipseRegion, regionArea, type Ellipse } from '../shapes.ts';
import { composite, featherAlpha, hardAlpha } from './blend.ts';
import { type Manipulation } from './types.ts';

// Benchmark v2 manipulations (see packages/datasets/README.md, "Benchmark v2"). Their target is the *noisy*
// image (smooth render + fine sensor noise + a camera pattern); every forged region is left without that
// sensor trace, which is the intrinsic local trace each seen manipulation shares with its unseen partner.
// Regions cover V2_AREA of the image and stay inside the inner area (the border band, where the spurious cue
// lives, is never touched, feathering included).

/** Share of the image a v2 forged region covers (before clipping nothing: shapes are fitted inside). */
export const V2_AREA: readonly [number, number] = [0.15, 0.2];

/** Width of the border band (the cue's place, outside every region) at image size `size`: 6 px at 64². */
export function borderBand(size: number, bandAt64 = 6): number {
  return Math.max(1, Math.round((bandAt64 * size) / 64));
}

/** 1 inside [lo, size − lo)², the area regions must stay in. */
function innerBox(size: number, lo: number): Uint8Array {
  const out = new Uint8Array(size * size);
  for (let y = lo; y < size - lo; y++) for (let x = lo; x < size - lo; x++) out[y * size + x] = 1;
  return out;
}

function clip(region: Uint8Array, box: Uint8Array): Uint8Array {
  for (let i = 0; i < region.length; i++) region[i] = (region[i] as number) & (box[i] as number);
  return region;
}

/**
 * A region of `share`·S² pixels (±1 %) from a shape family scaled by s, clipped to the inner box with `margin`
 * extra pixels (for feathering). Bisection on the scale.
 */
function fitRegion(size: number, share: number, margin: number, shape: (scale: number) => Uint8Array): Uint8Array {
  const box = innerBox(size, borderBand(size) + margin);
  const want = share * size * size;
  let lo = 0.05;
  let hi = 3;
  // Long thin shapes may need a larger scale; the bracket only grows when the default one cannot reach `want`.
  while (hi < 24 && regionArea(clip(shape(hi), box)) < want * 0.99) {
    lo = hi;
    hi *= 2;
  }
  let best = clip(shape(1), box);
  for (let it = 0; it < 18; it++) {
    const mid = (lo + hi) / 2;
    const r = clip(shape(mid), box);
    const a = regionArea(r);
    best = r;
    if (Math.abs(a - want) <= 0.01 * want) break;
    if (a < want) lo = mid;
    else hi = mid;
  }
  return best;
}

/** Convex polygon region (points in order), for rotated rectangles. */
function polygonRegion(size: number, pts: readonly [number, number][]): Uint8Array {
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let inside = true;
      for (let i = 0; i < pts.length && inside; i++) {
        const [ax, ay] = pts[i] as [number, number];
        const [bx, by] = pts[(i + 1) % pts.length] as [number, number];
        if ((bx - ax) * (py - ay) - (by - ay) * (px - ax) < 0) inside = false;
      }
      if (inside) out[y * size + x] = 1;
    }
  return out;
}

/** A thick polyline (union of capsules) of radius r through the points. */
function strokeRegion(size: number, pts: readonly [number, number][], r: number): Uint8Array {
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      for (let i = 0; i + 1 < pts.length; i++) {
        const [ax, ay] = pts[i] as [number, number];
        const [bx, by] = pts[i + 1] as [number, number];
        const dx = bx - ax;
        const dy = by - ay;
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / Math.max(1e-9, dx * dx + dy * dy)));
        const ex = px - ax - t * dx;
        const ey = py - ay - t * dy;
        if (ex * ex + ey * ey <= r * r) {
          out[y * size + x] = 1;
          break;
        }
      }
    }
  return out;
}

/** Box-downsampled by `factor`, then upsampled back (bilinear or nearest): what a low-resolution generator's output looks like. */
function resampleThrough(src: Raster, factor: number, nearest: boolean): Raster {
  const { width, height } = src;
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const small = createRaster(w, h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 3; c++) {
        let s = 0;
        let n = 0;
        for (let dy = 0; dy < factor; dy++)
          for (let dx = 0; dx < factor; dx++) {
            const yy = y * factor + dy;
            const xx = x * factor + dx;
            if (yy >= height || xx >= width) continue;
            s += src.data[(yy * width + xx) * 3 + c] as number;
            n++;
          }
        small.data[(y * w + x) * 3 + c] = s / n;
      }
  const out = createRaster(width, height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) {
        out.data[(y * width + x) * 3 + c] = nearest
          ? (small.data[(Math.floor(y / factor) * w + Math.floor(x / factor)) * 3 + c] as number)
          : sampleBilinear(small, (x + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5, c);
      }
  return out;
}

/** The attribute change itself: a per-channel colour/brightness shift of the region (a restyle of skin or lips). */
function restyle(src: Raster, rng: Rng): Raster {
  const out = cloneRaster(src);
  const gain = [rng.range(0.85, 1.15), rng.range(0.85, 1.15), rng.range(0.85, 1.15)];
  for (let i = 0; i < out.data.length; i++) out.data[i] = (out.data[i] as number) * (gain[i % 3] as number);
  return out;
}

function regionMean(r: Raster, region: Uint8Array): [number, number, number] {
  const s = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < region.length; i++) {
    if (region[i] === 0) continue;
    n++;
    for (let c = 0; c < 3; c++) s[c]! += r.data[i * 3 + c] as number;
  }
  return [s[0]! / Math.max(1, n), s[1]! / Math.max(1, n), s[2]! / Math.max(1, n)];
}

const share = (rng: Rng) => rng.range(V2_AREA[0], V2_AREA[1]);
const px = (size: number, at64: number) => Math.max(1, Math.round((at64 * size) / 64));

/** Face swap, seen: another (smooth, noise-free) identity in a feathered ellipse at the face centre. */
export const v2SwapFeather: Manipulation = {
  name: 'v2-swap-feather',
  family: 'region-swap',
  variant: 'seen',
  feather: (size) => px(size, 2) * 3,
  apply({ target, geometry, rng, renderDonor }) {
    const size = target.width;
    const f: FaceGeometry['face'] = geometry.face;
    const aspect = rng.range(1.0, 1.3);
    const cx = f.cx + rng.range(-0.05, 0.05) * f.rx;
    const cy = f.cy + rng.range(0, 0.15) * f.ry;
    const a = share(rng);
    const base = Math.sqrt(a / (Math.PI * aspect)) * size;
    const region = fitRegion(size, a, px(size, 2) * 2, (s) => ellipseRegion(size, size, [{ cx, cy, rx: base * s, ry: base * s * aspect }]));
    const alpha = featherAlpha(region, size, size, px(size, 2), 2);
    return { image: composite(target, renderDonor(), alpha), alpha };
  },
};

/** Face swap, unseen: a hard-edged, colour-matched paste of a rotated rectangle at one side of the face. */
export const v2SwapPaste: Manipulation = {
  name: 'v2-swap-paste',
  family: 'region-swap',
  variant: 'unseen',
  feather: () => 0,
  apply({ target, rng, renderDonor }) {
    const size = target.width;
    const side = rng.bool() ? 1 : -1;
    const cx = size * (0.5 + side * rng.range(0.13, 0.18));
    const cy = size * (0.5 + rng.range(-0.08, 0.08));
    const aspect = rng.range(0.5, 0.75); // width / height: tall
    const angle = rng.range(-0.3, 0.3);
    const a = share(rng);
    const h0 = Math.sqrt((a * size * size) / aspect);
    const region = fitRegion(size, a, 0, (s) => {
      const hw = (h0 * aspect * s) / 2;
      const hh = (h0 * s) / 2;
      const c = Math.cos(angle);
      const sn = Math.sin(angle);
      const corner = (u: number, v: number): [number, number] => [cx + u * c - v * sn, cy + u * sn + v * c];
      return polygonRegion(size, [corner(-hw, -hh), corner(hw, -hh), corner(hw, hh), corner(-hw, hh)]);
    });
    const donor = renderDonor();
    const mt = regionMean(target, region);
    const md = regionMean(donor, region);
    const matched = cloneRaster(donor);
    for (let i = 0; i < matched.data.length; i++) matched.data[i] = (matched.data[i] as number) + (mt[i % 3] as number) - (md[i % 3] as number);
    const alpha = hardAlpha(region);
    return { image: composite(target, matched, alpha), alpha };
  },
};

/** Attribute edit, seen: the lower face restyled by a generator at half resolution (×2 bilinear upsampling), feathered. */
export const v2EditX2: Manipulation = {
  name: 'v2-edit-x2',
  family: 'attribute-edit',
  variant: 'seen',
  feather: (size) => px(size, 1) * 3,
  apply({ target, geometry, rng }) {
    const size = target.width;
    const m = geometry.mouth;
    const aspect = rng.range(1.4, 1.8); // wide
    const cy = Math.min(m.cy, size * 0.62);
    const a = share(rng);
    const ry0 = Math.sqrt(a / (Math.PI * aspect)) * size;
    const region = fitRegion(size, a, px(size, 1) * 2, (s) =>
      ellipseRegion(size, size, [{ cx: m.cx, cy, rx: ry0 * aspect * s, ry: ry0 * s }]),
    );
    const alpha = featherAlpha(region, size, size, px(size, 1), 2);
    return { image: composite(target, resampleThrough(restyle(target, rng), 2, false), alpha), alpha };
  },
};

/** Attribute edit, unseen: the eye band restyled at quarter resolution (×4 nearest upsampling), hard-edged. */
export const v2EditX4: Manipulation = {
  name: 'v2-edit-x4',
  family: 'attribute-edit',
  variant: 'unseen',
  feather: () => 0,
  apply({ target, geometry, rng }) {
    const size = target.width;
    const [l, r] = geometry.eyes;
    const cy = Math.max((l.cy + r.cy) / 2 - l.ry, size * 0.3);
    const grow = rng.range(1.1, 1.4);
    const region = fitRegion(size, share(rng), 0, (s) =>
      ellipseRegion(
        size,
        size,
        [l, r].map((e): Ellipse => ({ cx: e.cx, cy, rx: e.rx * 2.2 * grow * s, ry: e.rx * 1.6 * s })),
      ),
    );
    const alpha = hardAlpha(region);
    return { image: composite(target, resampleThrough(restyle(target, rng), 4, true), alpha), alpha };
  },
};

/** Inpainting, seen: 1–3 ellipses on the face filled by diffusion (harmonic interpolation of the border). */
export const v2InpaintDiffusion: Manipulation = {
  name: 'v2-inpaint-diffusion',
  family: 'inpainting',
  variant: 'seen',
  feather: () => 0,
  apply({ target, geometry, rng }) {
    const size = target.width;
    const { cx, cy, rx, ry } = geometry.face;
    const ax = cx + rng.range(-0.3, 0.3) * rx;
    const ay = cy + rng.range(-0.3, 0.3) * ry;
    const count = rng.int(1, 3);
    const parts: Ellipse[] = [];
    for (let i = 0; i < count; i++)
      parts.push({ cx: ax + rng.range(-0.25, 0.25) * rx, cy: ay + rng.range(-0.25, 0.25) * ry, rx: rng.range(0.7, 1.2), ry: rng.range(0.7, 1.2), angle: rng.range(0, Math.PI) });
    const unit = size * 0.2;
    const region = fitRegion(size, share(rng), 0, (s) => ellipseRegion(size, size, parts.map((p) => ({ ...p, rx: p.rx * unit * s, ry: p.ry * unit * s }))));
    return { image: poissonFill(target, null, region, Math.ceil(size * 0.8)), alpha: hardAlpha(region) };
  },
};

/** Inpainting, unseen: a thick stroke anywhere in the inner area filled by normalised blur of its surroundings. */
export const v2InpaintBlur: Manipulation = {
  name: 'v2-inpaint-blur',
  family: 'inpainting',
  variant: 'unseen',
  feather: () => 0,
  apply({ target, rng }) {
    const size = target.width;
    const b = borderBand(size);
    const pts: [number, number][] = [];
    const n = rng.int(2, 3);
    let x = rng.range(b + 8, size - b - 8);
    let y = rng.range(b + 8, size - b - 8);
    let dir = rng.range(0, 2 * Math.PI);
    for (let i = 0; i <= n; i++) {
      pts.push([x, y]);
      dir += rng.range(-1, 1);
      const len = size * rng.range(0.2, 0.3);
      x = Math.min(size - b - 6, Math.max(b + 6, x + Math.cos(dir) * len));
      y = Math.min(size - b - 6, Math.max(b + 6, y + Math.sin(dir) * len));
    }
    const region = fitRegion(size, share(rng), 0, (s) => strokeRegion(size, pts, size * 0.06 * s));
    // Normalised convolution: blur(image · known) / blur(known), repeated until the hole is covered.
    const known = Float32Array.from(region, (v) => 1 - v);
    const out = cloneRaster(target);
    const r = px(size, 3);
    let weight: Float32Array = known;
    const chans = [0, 1, 2].map((c) => Float32Array.from({ length: size * size }, (_, i) => (target.data[i * 3 + c] as number) * (known[i] as number)));
    let acc: Float32Array[] = chans;
    for (let pass = 0; pass < 6; pass++) {
      weight = boxBlur(weight, size, size, r);
      acc = acc.map((ch) => boxBlur(ch, size, size, r));
    }
    for (let i = 0; i < region.length; i++) {
      if (region[i] === 0) continue;
      const w = Math.max(1e-6, weight[i] as number);
      for (let c = 0; c < 3; c++) out.data[i * 3 + c] = ((acc[c] as Float32Array)[i] as number) / w;
    }
    return { image: out, alpha: hardAlpha(region) };
  },
};

export const V2_MANIPULATIONS: readonly Manipulation[] = [v2SwapFeather, v2SwapPaste, v2EditX2, v2EditX4, v2InpaintDiffusion, v2InpaintBlur];
