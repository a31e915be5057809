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
