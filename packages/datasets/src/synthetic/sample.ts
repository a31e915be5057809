import { type BinaryMask } from '@lae-studio/mask-codec';
import sharp from 'sharp';
import { type BenchmarkConfig, type Split } from './config.ts';
import { applyCue, carriesCue, type CuedImage } from './cue.ts';
import { renderFace, sampleGeometry, sampleLook, type FaceGeometry, type FaceLook } from './face.ts';
import { getManipulation, type Family } from './manipulations/index.ts';
import { slotFor, type Label, type Novelty } from './plan.ts';
import { createRng, deriveSeed, seedFrom, type Rng } from './prng.ts';
import { blurRaster, cloneRaster, quantize, type Raster } from './raster.ts';

export interface SyntheticRecord {
  /** Stable and unique across presets and seeds, e.g. `face-swap-42-000017`. */
  id: string;
  index: number;
  width: number;
  height: number;
  label: Label;
  /** e.g. `region-swap-poisson`; null for reals. */
  manipulation: string | null;
  family: Family | null;
  split: Split;
  /** Whether the manipulation is one training sees. Reals in the test split are shared out between both sets. */
  novelty: Novelty;
  /** Whether the spurious global cue was applied. */
  cue: boolean;
  /** 8-bit RGB, row-major (when `output` is 'rgb' or 'both'). */
  rgb?: Uint8Array;
  /** The image as PNG (when `output` is 'png', the default, or 'both'). */
  png?: Uint8Array;
  /** Ground truth for fakes: exactly the manipulated pixels (alpha ≥ 0.5 of the blend). */
  mask?: BinaryMask;
  /** The pixels before manipulation and cue, when asked for (tests, visual checks). */
  source?: Uint8Array;
}

export interface SampleOptions {
  /** What image form records carry: 'png' (default; what storage wants), 'rgb' raw pixels, or 'both'. */
  output?: 'png' | 'rgb' | 'both';
  /** Also return the pixels before manipulation and cue (tests, visual checks). */
  keepSource?: boolean;
}

// Each purpose draws from its own stream so that, say, the manipulation's choices never shift the face.
const STREAM = { face: 1, manipulation: 2, donor: 3, cue: 4, sensor: 5 } as const;

type SensorConfig = BenchmarkConfig['sensor'];

/** v2: a smooth base render (no sensor noise, faint skin texture, box-blurred). */
function smoothLook(look: FaceLook): FaceLook {
  return { ...look, sensorNoise: 0, skinTexture: look.skinTexture * 0.3 };
}

function smoothRender(g: FaceGeometry, look: FaceLook, rng: Rng, sensor: SensorConfig): Raster {
  const img = renderFace(g, smoothLook(look), rng);
  const r = Math.round((sensor.smooth * g.size) / 64);
  return r > 0 ? blurRaster(img, r) : img;
}

const patternCache = new Map<string, Float32Array>();

/** Camera pattern k (PRNU-like fixed per-pixel noise): the same for every benchmark, seed and split. */
export function cameraPattern(size: number, k: number, sigma: number): Float32Array {
  const key = `${size}/${k}/${sigma}`;
  let p = patternCache.get(key);
  if (!p) {
    p = createRng(deriveSeed(0x5e75, size, k)).fillGauss(new Float32Array(size * size * 3), sigma);
    patternCache.set(key, p);
  }
  return p;
}

/** v2: the camera's trace on the whole image, Gaussian sensor noise plus one fixed camera pattern. */
function addSensorTrace(img: Raster, sensor: SensorConfig, rng: Rng): Raster {
  const out = cloneRaster(img);
  const pattern = cameraPattern(img.width, rng.int(0, sensor.patterns - 1), sensor.patternSigma);
  const noise = rng.fillGauss(new Float32Array(out.data.length), sensor.sigma);
  for (let i = 0; i < out.data.length; i++) out.data[i] = (out.data[i] as number) + (noise[i] as number) + (pattern[i] as number);
  return out;
}

function seedLabel(seed: number | string): string {
  return String(seed)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 24) || 's';
}

export function recordId(config: BenchmarkConfig, index: number): string {
  return `${config.name}-${seedLabel(config.seed)}-${String(index).padStart(6, '0')}`;
}

/** Another person's features on the target's layout: the alignment a face swap performs. */
function donorGeometry(g: FaceGeometry, rng: Rng): FaceGeometry {
  const grow = (v: number) => v * rng.range(0.9, 1.12);
  return {
    ...g,
    eyes: g.eyes.map((e) => ({ ...e, rx: grow(e.rx), ry: grow(e.ry) })) as FaceGeometry['eyes'],
    gaze: [rng.range(-0.3, 0.3), rng.range(-0.15, 0.15)],
    nose: { ...g.nose, width: grow(g.nose.width) },
    mouth: { ...g.mouth, rx: grow(g.mouth.rx), ry: grow(g.mouth.ry) },
  };
}

/** Sample `index` of the benchmark; the same config and index always give the same bytes. */
export async function generateSample(config: BenchmarkConfig, index: number, options: SampleOptions = {}): Promise<SyntheticRecord> {
  const slot = slotFor(config, index);
  const root = seedFrom(config.seed);
  const stream = (k: number) => createRng(deriveSeed(root, index, k));
  const size = config.size;

  const faceRng = stream(STREAM.face);
  const geometry = sampleGeometry(faceRng, size);
  const look = sampleLook(faceRng);
  const v2 = config.version === 'v2';
  // v2: smooth render, then the camera's sensor trace; manipulations act on the noisy image, and their
  // regions (donor content, low-resolution re-synthesis, fills) lack that trace.
  const target = v2 ? addSensorTrace(smoothRender(geometry, look, faceRng, config.sensor), config.sensor, stream(STREAM.sensor)) : renderFace(geometry, look, faceRng);

  let pixels: Uint8Array;
  let mask: BinaryMask | undefined;
  let family: Family | null = null;
  if (slot.manipulation) {
    const manipulation = getManipulation(slot.manipulation);
    family = manipulation.family;
    const donorRng = stream(STREAM.donor);
    const { image, alpha } = manipulation.apply({
      target,
      geometry,
      look,
      rng: stream(STREAM.manipulation),
      renderDonor: v2
        ? () => smoothRender(donorGeometry(geometry, donorRng), sampleLook(donorRng), donorRng, config.sensor)
        : () => renderFace(donorGeometry(geometry, donorRng), sampleLook(donorRng), donorRng),
    });
    pixels = quantize(image);
    const data = new Uint8Array(size * size);
    let area = 0;
    for (let i = 0; i < data.length; i++) {
      if ((alpha[i] as number) < 0.5) continue;
      data[i] = 1;
      area++;
    }
    if (area === 0) throw new Error(`internal: ${slot.manipulation} produced an empty mask for sample ${index}`);
    mask = { width: size, height: size, data };
  } else {
    pixels = quantize(target);
  }
  const source = options.keepSource ? (slot.manipulation ? quantize(target) : pixels.slice()) : undefined;

  const cue = carriesCue(config.cue, slot.split, slot.label, stream(STREAM.cue));
  const output = options.output ?? 'png';
  const cued: CuedImage = cue ? await applyCue(pixels, size, config.cue, stream(STREAM.cue + 100)) : { kind: 'raw', pixels };
  const input = () =>
    cued.kind === 'jpeg' ? sharp(cued.bytes) : sharp(cued.pixels, { raw: { width: size, height: size, channels: 3 } });
  let rgb: Uint8Array | undefined;
  if (output !== 'png') {
    if (cued.kind === 'raw') rgb = cued.pixels;
    else {
      const raw = await input().raw().toBuffer();
      rgb = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    }
  }
  let png: Uint8Array | undefined;
  if (output !== 'rgb') {
    const bytes = await input().png({ compressionLevel: 6 }).toBuffer();
    png = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  const record: SyntheticRecord = {
    id: recordId(config, index),
    index,
    width: size,
    height: size,
    label: slot.label,
    manipulation: slot.manipulation,
    family,
    split: slot.split,
    novelty: slot.novelty,
    cue,
    ...(rgb ? { rgb } : {}),
    ...(png ? { png } : {}),
    ...(mask ? { mask } : {}),
    ...(source ? { source } : {}),
  };
  return record;
}
