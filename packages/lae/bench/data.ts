// Synthetic bench data: smooth random images, alternating labels, every eighth sample a masked fake.
import { type LabeledSample } from '../src/dataset.ts';
import { rng } from '../src/rng.ts';

export function benchImages(n: number, size: number, seed: number): Float32Array[] {
  const rand = rng(seed);
  return Array.from({ length: n }, () => {
    const img = new Float32Array(size * size * 3);
    const base = rand();
    for (let i = 0; i < img.length; i++) img[i] = Math.min(1, Math.max(0, base + (rand() - 0.5) * 0.2));
    return img;
  });
}

export function benchMask(size: number, seed: number): Uint8Array {
  const m = new Uint8Array(size * size);
  const s = Math.floor(size / 3);
  const o = (seed * 7) % (size - s);
  for (let y = o; y < o + s; y++) m.fill(1, y * size + o, y * size + o + s);
  return m;
}

export function benchSamples(n: number, size: number, seed = size): LabeledSample[] {
  return benchImages(n, size, seed).map((image, i) => ({ image, label: i % 2 ? 'fake' : 'real', mask: i % 8 === 1 ? benchMask(size, i) : null }));
}
