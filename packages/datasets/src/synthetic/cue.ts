import sharp from 'sharp';
import { type CueConfig, type Split } from './config.ts';
import { type Label } from './plan.ts';
import { type Rng } from './prng.ts';

/** Whether this sample carries the spurious cue: only in the configured splits, correlated with the label. */
export function carriesCue(cue: CueConfig, split: Split, label: Label, rng: Rng): boolean {
  if (cue.kind === 'none' || !cue.splits.includes(split)) return false;
  const p = label === 'fake' ? cue.correlation : 1 - cue.correlation;
  return rng.next() < p;
}

/**
 * The image with the global cue applied, as a sharp input: JPEG bytes for the compression cue (decoded by
 * whoever reads them next, saving a round trip), raw RGB for the noise cue.
 */
export type CuedImage = { kind: 'raw'; pixels: Uint8Array } | { kind: 'jpeg'; bytes: Buffer };

export async function applyCue(pixels: Uint8Array, size: number, cue: CueConfig, rng: Rng): Promise<CuedImage> {
  if (cue.kind === 'border') return { kind: 'raw', pixels: addBorderCast(pixels, size, cue) };
  if (cue.kind === 'jpeg') {
    const bytes = await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: cue.quality }).toBuffer();
    return { kind: 'jpeg', bytes };
  }
  return { kind: 'raw', pixels: addCueNoise(pixels, cue, rng) };
}

function addCueNoise(pixels: Uint8Array, cue: CueConfig, rng: Rng): Uint8Array {
  if (cue.kind === 'noise') {
    const noise = rng.fillGauss(new Float32Array(pixels.length), cue.sigma);
    const out = new Uint8Array(pixels.length);
    for (let i = 0; i < pixels.length; i++) {
      const v = (pixels[i] as number) + (noise[i] as number);
      out[i] = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
    }
    return out;
  }
  return pixels;
}

/** Pixels within `band` (scaled from 64²) of the image edge: where the 'border' cue goes. */
export function inBorderBand(x: number, y: number, size: number, bandAt64: number): boolean {
  const b = Math.max(1, Math.round((bandAt64 * size) / 64));
  return x < b || y < b || x >= size - b || y >= size - b;
}

/** The 'border' cue: a colour cast on the outer band only (rounded, clamped); the inner area is untouched. */
function addBorderCast(pixels: Uint8Array, size: number, cue: CueConfig): Uint8Array {
  const out = pixels.slice();
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      if (!inBorderBand(x, y, size, cue.band)) continue;
      const k = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = (out[k + c] as number) + (cue.cast[c] as number);
        out[k + c] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
      }
    }
  return out;
}
