import { type Rng } from './prng.ts';

// Working images are Float32Array RGB, row-major, values on the 0–255 scale; quantize() makes the bytes.

export type Rgb = [number, number, number];

export interface Raster {
  width: number;
  height: number;
  data: Float32Array;
}

export function createRaster(width: number, height: number): Raster {
  return { width, height, data: new Float32Array(width * height * 3) };
}

export function cloneRaster(r: Raster): Raster {
  return { width: r.width, height: r.height, data: r.data.slice() };
}

/** Rounds and clamps to bytes. Equal float inputs give equal bytes, so untouched pixels stay identical. */
export function quantize(r: Raster): Uint8Array {
  const out = new Uint8Array(r.data.length);
  for (let i = 0; i < r.data.length; i++) {
    const v = r.data[i] as number;
    out[i] = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
  }
  return out;
}

/**
 * Smooth lattice ("value") noise in [-1, 1] on a grid of `cell` pixels, bilinearly interpolated. Used for
 * skin, hair and background texture: cheap and seeded.
 */
export function valueNoise(width: number, height: number, cell: number, rng: Rng): Float32Array {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next() * 2 - 1;
  // Column weights are the same on every row: compute them once.
  const col = new Int32Array(width);
  const colT = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const gx = x / cell;
    const x0 = Math.floor(gx);
    const fx = gx - x0;
    col[x] = x0;
    colT[x] = fx * fx * (3 - 2 * fx);
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    const fy = gy - y0;
    const sy = fy * fy * (3 - 2 * fy);
    const row = y0 * gw;
    for (let x = 0; x < width; x++) {
      const i = row + (col[x] as number);
      const sx = colT[x] as number;
      const top = (grid[i] as number) * (1 - sx) + (grid[i + 1] as number) * sx;
      const bottom = (grid[i + gw] as number) * (1 - sx) + (grid[i + gw + 1] as number) * sx;
      out[y * width + x] = top * (1 - sy) + bottom * sy;
    }
  }
  return out;
}

/** One box-blur pass of radius r over a single-channel field, clamped at the borders (separable, running sums). */
export function boxBlur(field: Float32Array, width: number, height: number, r: number): Float32Array {
  if (r <= 0) return field.slice();
  const tmp = new Float32Array(field.length);
  const out = new Float32Array(field.length);
  const n = 2 * r + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let s = 0;
    for (let k = -r; k <= r; k++) s += field[row + Math.min(width - 1, Math.max(0, k))] as number;
    for (let x = 0; x < width; x++) {
      tmp[row + x] = s / n;
      s += (field[row + Math.min(width - 1, x + r + 1)] as number) - (field[row + Math.max(0, x - r)] as number);
    }
  }
  for (let x = 0; x < width; x++) {
    let s = 0;
    for (let k = -r; k <= r; k++) s += tmp[Math.min(height - 1, Math.max(0, k)) * width + x] as number;
    for (let y = 0; y < height; y++) {
      out[y * width + x] = s / n;
      s += (tmp[Math.min(height - 1, y + r + 1) * width + x] as number) - (tmp[Math.max(0, y - r) * width + x] as number);
    }
  }
  return out;
}

/** Box-blurs each colour channel (radius r) and returns a new raster. */
export function blurRaster(src: Raster, r: number): Raster {
  const { width, height } = src;
  const out = createRaster(width, height);
  const channel = new Float32Array(width * height);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < channel.length; i++) channel[i] = src.data[i * 3 + c] as number;
    const blurred = boxBlur(channel, width, height, r);
    for (let i = 0; i < channel.length; i++) out.data[i * 3 + c] = blurred[i] as number;
  }
  return out;
}

/** Bilinear sample of channel c at a real-valued position (clamped). */
export function sampleBilinear(r: Raster, x: number, y: number, c: number): number {
  const xc = Math.min(r.width - 1, Math.max(0, x));
  const yc = Math.min(r.height - 1, Math.max(0, y));
  const x0 = Math.floor(xc);
  const y0 = Math.floor(yc);
  const x1 = Math.min(r.width - 1, x0 + 1);
  const y1 = Math.min(r.height - 1, y0 + 1);
  const fx = xc - x0;
  const fy = yc - y0;
  const w = r.width;
  const d = r.data;
  const a = d[(y0 * w + x0) * 3 + c] as number;
  const b = d[(y0 * w + x1) * 3 + c] as number;
  const e = d[(y1 * w + x0) * 3 + c] as number;
  const f = d[(y1 * w + x1) * 3 + c] as number;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (e * (1 - fx) + f * fx) * fy;
}

/** Adds zero-mean Gaussian noise of standard deviation sigma to every sample (or only where `where` is set). */
export function addGaussianNoise(r: Raster, sigma: number, rng: Rng, where?: Uint8Array): void {
  const noise = rng.fillGauss(new Float32Array(r.data.length), sigma);
  const { data } = r;
  if (!where) {
    for (let i = 0; i < data.length; i++) data[i] = (data[i] as number) + (noise[i] as number);
    return;
  }
  for (let i = 0, k = 0; i < where.length; i++, k += 3) {
    if (where[i] === 0) continue;
    data[k] = (data[k] as number) + (noise[k] as number);
    data[k + 1] = (data[k + 1] as number) + (noise[k + 1] as number);
    data[k + 2] = (data[k + 2] as number) + (noise[k + 2] as number);
  }
}
