import { boxBlur, cloneRaster, type Raster } from '../raster.ts';

/** A hard region as alpha (1 inside, 0 outside). */
export function hardAlpha(region: Uint8Array): Float32Array {
  return Float32Array.from(region);
}

/** A feathered alpha: the region box-blurred `passes` times; it reaches at most radius×passes px outside. */
export function featherAlpha(region: Uint8Array, width: number, height: number, radius: number, passes: number): Float32Array {
  let field: Float32Array = Float32Array.from(region);
  for (let i = 0; i < passes; i++) field = boxBlur(field, width, height, radius);
  for (let i = 0; i < field.length; i++) if ((field[i] as number) < 1e-6) field[i] = 0;
  return field;
}

/** target ⊕ source by alpha; pixels with alpha exactly 0 are copied untouched from the target. */
export function composite(target: Raster, source: Raster, alpha: Float32Array): Raster {
  const out = cloneRaster(target);
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i] as number;
    if (a === 0) continue;
    const k = i * 3;
    for (let c = 0; c < 3; c++) out.data[k + c] = (target.data[k + c] as number) * (1 - a) + (source.data[k + c] as number) * a;
  }
  return out;
}

/** Scales a pixel radius defined at 128 px to the image size (at least 1). */
export function scaled(size: number, px: number): number {
  return Math.max(1, Math.round((px * size) / 128));
}
