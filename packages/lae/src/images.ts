// Image and mask inputs → the model's fixed S×S layout.

/** An image of any size: 8-bit (0–255) or float ([0,1]) samples, HWC, 1/3/4 channels (alpha ignored). */
export interface RawImage {
  data: Uint8Array | Uint8ClampedArray | Float32Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** A Float32Array is taken as S×S×3 HWC in [0,1]; anything else as a RawImage (resized bilinearly to S×S). */
export type ImageInput = Float32Array | RawImage;

/** A mask of any size: nonzero (8-bit) or > 0.5 (float) = forged. */
export interface RawMask {
  data: Uint8Array | Uint8ClampedArray | Float32Array;
  width: number;
  height: number;
}

/** A Uint8Array is taken as S×S (nonzero = forged); anything else as a RawMask (resized nearest to S×S). */
export type MaskInput = Uint8Array | RawMask;

function asRaw(img: ImageInput, size: number): RawImage {
  if (img instanceof Float32Array) {
    if (img.length !== size * size * 3) throw new Error(`LAE: a Float32Array image must hold ${size}×${size}×3 values, got ${img.length}`);
    return { data: img, width: size, height: size, channels: 3 };
  }
  if (img.data.length !== img.width * img.height * img.channels) throw new Error(`LAE: image data length ${img.data.length} ≠ ${img.width}×${img.height}×${img.channels}`);
  return img;
}

/** Writes the image as S×S×3 uint8 into `out` at `offset`. */
export function writeImage(img: ImageInput, size: number, out: Uint8Array, offset: number): void {
  const r = asRaw(img, size);
  const scale = r.data instanceof Float32Array ? 255 : 1;
  if (r.width === size && r.height === size && r.channels === 3) {
    // Same size, RGB: a plain copy (with quantisation for floats).
    const d = r.data;
    const n = size * size * 3;
    if (scale === 1) out.set(d.subarray(0, n) as Uint8Array, offset);
    else for (let i = 0; i < n; i++) out[offset + i] = Math.min(255, Math.max(0, Math.round(d[i]! * 255)));
    return;
  }
  const sx = r.width / size;
  const sy = r.height / size;
  const at = (x: number, y: number, ch: number): number => r.data[(y * r.width + x) * r.channels + (r.channels === 1 ? 0 : ch)]! * scale;
  for (let y = 0; y < size; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), r.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, r.height - 1);
    const ty = fy - y0;
    for (let x = 0; x < size; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), r.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, r.width - 1);
      const tx = fx - x0;
      for (let ch = 0; ch < 3; ch++) {
        const v = (at(x0, y0, ch) * (1 - tx) + at(x1, y0, ch) * tx) * (1 - ty) + (at(x0, y1, ch) * (1 - tx) + at(x1, y1, ch) * tx) * ty;
        out[offset + (y * size + x) * 3 + ch] = Math.min(255, Math.max(0, Math.round(v)));
      }
    }
  }
}

/** The mask as S×S floats in {0,1}. */
export function maskToGrid(mask: MaskInput, size: number): Float32Array {
  const r: RawMask = mask instanceof Uint8Array ? { data: mask, width: size, height: size } : mask;
  if (r.data.length !== r.width * r.height) throw new Error(`LAE: mask data length ${r.data.length} ≠ ${r.width}×${r.height}`);
  const threshold = r.data instanceof Float32Array ? 0.5 : 0;
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    const sy = Math.min(r.height - 1, Math.floor(((y + 0.5) * r.height) / size));
    for (let x = 0; x < size; x++) {
      const sx = Math.min(r.width - 1, Math.floor(((x + 0.5) * r.width) / size));
      out[y * size + x] = r.data[sy * r.width + sx]! > threshold ? 1 : 0;
    }
  }
  return out;
}
