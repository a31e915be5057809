// A small deterministic forgery generator for tests: smooth "scenes"; fakes carry a local checkerboard
// artifact inside a known square mask, plus (optionally) a spurious global cue: a higher noise level.
import { type LabeledSample } from '../src/index.ts';
import { rng } from '../src/rng.ts';

export interface SynthOptions {
  n: number;
  size: number;
  seed: number;
  /** Add the global noise cue to fakes (training data only). */
  cue: boolean;
  /** Share of fakes that carry their mask. */
  maskShare: number;
  /** Checkerboard amplitude of the local artifact (default 0.08). */
  artifact?: number;
  /** Side of the square forgery as a share of the image side (default 0.4). */
  side?: number;
  /** Noise level of the cue (default 0.07; reals have 0.015). */
  cueNoise?: number;
}

export interface SynthSample extends LabeledSample {
  /** The ground-truth mask, also for fakes whose `mask` is withheld. */
  truth: Uint8Array | null;
}

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

export function synthesize(o: SynthOptions): SynthSample[] {
  const rand = rng(o.seed);
  const s = o.size;
  const out: SynthSample[] = [];
  for (let i = 0; i < o.n; i++) {
    const fake = i % 2 === 1;
    const img = new Float32Array(s * s * 3);
    const base = [0.25 + 0.5 * rand(), 0.25 + 0.5 * rand(), 0.25 + 0.5 * rand()];
    const gx = (rand() - 0.5) * 0.3;
    const gy = (rand() - 0.5) * 0.3;
    const bx = rand() * s;
    const by = rand() * s;
    const br = s * (0.15 + 0.2 * rand());
    const bc = (rand() - 0.5) * 0.4;
    const noise = fake && o.cue ? (o.cueNoise ?? 0.07) : 0.015;
    for (let y = 0; y < s; y++) {
      for (let x = 0; x < s; x++) {
        const blob = bc * Math.exp(-((x - bx) ** 2 + (y - by) ** 2) / (2 * br * br));
        for (let c = 0; c < 3; c++) img[(y * s + x) * 3 + c] = base[c]! + gx * (x / s - 0.5) + gy * (y / s - 0.5) + blob + noise * gauss(rand);
      }
    }
    let truth: Uint8Array | null = null;
    if (fake) {
      const side = Math.round(s * (o.side ?? 0.4));
      const x0 = Math.floor(rand() * (s - side));
      const y0 = Math.floor(rand() * (s - side));
      truth = new Uint8Array(s * s);
      for (let y = y0; y < y0 + side; y++) {
        for (let x = x0; x < x0 + side; x++) {
          truth[y * s + x] = 1;
          const sign = (x + y) % 2 === 0 ? 1 : -1;
          for (let c = 0; c < 3; c++) img[(y * s + x) * 3 + c]! += (o.artifact ?? 0.08) * sign;
        }
      }
    }
    for (let k = 0; k < img.length; k++) img[k] = Math.min(1, Math.max(0, img[k]!));
    const withMask = fake && rand() < o.maskShare;
    out.push({ image: img, label: fake ? 'fake' : 'real', mask: withMask ? truth : null, truth });
  }
  return out;
}
