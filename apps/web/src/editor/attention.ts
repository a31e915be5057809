/**
 * The model's attention map (size × size float32, any range) brought to image resolution by bilinear
 * interpolation and normalised to [0, 1]. Used both for the overlay and for the prefill.
 */
export function upsampleAttention(values: Float32Array, size: number, width: number, height: number): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max > min ? max - min : 1;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    // Pixel centres map onto the grid's cell centres (align_corners = false).
    const gy = Math.min(size - 1, Math.max(0, ((y + 0.5) * size) / height - 0.5));
    const y0 = Math.floor(gy);
    const y1 = Math.min(size - 1, y0 + 1);
    const fy = gy - y0;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(size - 1, Math.max(0, ((x + 0.5) * size) / width - 0.5));
      const x0 = Math.floor(gx);
      const x1 = Math.min(size - 1, x0 + 1);
      const fx = gx - x0;
      const top = values[y0 * size + x0]! * (1 - fx) + values[y0 * size + x1]! * fx;
      const bottom = values[y1 * size + x0]! * (1 - fx) + values[y1 * size + x1]! * fx;
      out[y * width + x] = (top * (1 - fy) + bottom * fy - min) / range;
    }
  }
  return out;
}

/** Coverage (0/255) for pixels whose normalised attention reaches the threshold. */
export function thresholdAttention(normalised: Float32Array, threshold: number): Uint8Array {
  const out = new Uint8Array(normalised.length);
  for (let i = 0; i < normalised.length; i++) out[i] = normalised[i]! >= threshold ? 255 : 0;
  return out;
}
