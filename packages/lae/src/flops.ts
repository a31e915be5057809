// Counted multiply-add FLOPs (2 per MAC) of the model's convolutions, per image.
import { type LaeConfig } from './config.ts';

export interface FlopCount {
  /** Encoder forward (what scoring runs; the closed-form attention adds O(g²K)). */
  encoder: number;
  /** Decoder forward. */
  decoder: number;
  /** One training step per image: forward (encoder + decoder) and backward (input and filter gradients, ≈ 2× forward). */
  train: number;
}

export function countFlops(c: LaeConfig): FlopCount {
  let size = c.imageSize;
  let cin = 3;
  let encoder = 0;
  c.encoderChannels.forEach((cout, i) => {
    size /= c.encoderStrides[i] ?? 1;
    encoder += 2 * size * size * 9 * cin * cout;
    cin = cout;
  });
  encoder += 2 * size * size * cin * 2 * c.latentChannels; // 1×1 latent conv
  let decoder = 0;
  cin = 2 * c.latentChannels;
  const last = c.decoderChannels.length - 1;
  c.decoderChannels.forEach((cout, i) => {
    decoder += 2 * size * size * 9 * cin * cout;
    cin = cout;
    if (i < last) size *= 2;
  });
  decoder += 2 * size * size * 9 * cin * 12; // sub-pixel output conv
  return { encoder, decoder, train: 3 * (encoder + decoder) };
}
