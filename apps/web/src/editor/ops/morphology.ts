// Grow or shrink the binary mask by a distance in pixels, with the exact Euclidean distance transform
// (Felzenszwalb & Huttenlocher 2012: two separable passes of a 1-D lower envelope of parabolas, O(n)).

const INF = 1e20;

/** 1-D squared distance transform of f (0 at sites, INF elsewhere) into d, through the scratch arrays v and z. */
function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  const meet = (q: number, p: number) => (f[q]! + q * q - (f[p]! + p * p)) / (2 * q - 2 * p);
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s = meet(q, v[k]!);
    // z[0] = -INF ends the loop at k = 0: s is never below it (f is at most INF, q − p at least 1).
    while (s <= z[k]!) s = meet(q, v[--k]!);
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}

/** Squared Euclidean distance from every pixel to the nearest pixel where `site` is true. */
export function squaredDistanceTo(width: number, height: number, site: (i: number) => boolean): Float64Array {
  const out = new Float64Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = site(i) ? 0 : INF;
  const n = Math.max(width, height);
  const f = new Float64Array(n), d = new Float64Array(n), z = new Float64Array(n + 1);
  const v = new Int32Array(n);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = out[y * width + x]!;
    edt1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) out[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = out[row + x]!;
    edt1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) out[row + x] = d[x]!;
  }
  return out;
}

/**
 * The coverage grown (by > 0) or shrunk (by < 0) by |by| pixels, as 0/255: grown pixels are within |by| of
 * a masked pixel; shrinking keeps the masked pixels farther than |by| from any unmasked one (the image
 * border is not an edge). Partial coverage counts as masked from `threshold` up.
 */
export function growShrink(coverage: Uint8Array, width: number, height: number, by: number, threshold = 128): Uint8Array {
  const out = new Uint8Array(coverage.length);
  const r2 = by * by;
  if (by > 0) {
    const dist = squaredDistanceTo(width, height, (i) => coverage[i]! >= threshold);
    for (let i = 0; i < out.length; i++) out[i] = dist[i]! <= r2 ? 255 : 0;
  } else {
    const dist = squaredDistanceTo(width, height, (i) => coverage[i]! < threshold);
    for (let i = 0; i < out.length; i++) out[i] = coverage[i]! >= threshold && dist[i]! > r2 ? 255 : 0;
  }
  return out;
}
