import { createMask, type BinaryMask } from '@lae-studio/mask-codec';
import sharp from 'sharp';

/**
 * Rasterizes COCO polygons ([x0, y0, x1, y1, …] in pixel coordinates, pixel (i, j) covering [i, i+1) ×
 * [j, j+1)) into a mask: a pixel is set when its centre lies inside a polygon, parts are unioned. Drawn by
 * librsvg through sharp with anti-aliasing off (crispEdges), so edges are exact, not thresholded blur.
 * pycocotools' own rasterizer may differ by a pixel along edges; RLE segmentations are exact either way.
 */
export async function rasterizePolygons(polygons: readonly (readonly number[])[], width: number, height: number): Promise<BinaryMask> {
  const shapes = polygons
    .filter((p) => p.length >= 6)
    .map((p) => {
      if (p.length % 2 !== 0 || !p.every(Number.isFinite)) throw new RangeError('a polygon must be an even list of finite coordinates');
      return `<polygon points="${p.join(' ')}" fill="#fff"/>`;
    });
  if (shapes.length === 0) return createMask(width, height);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" shape-rendering="crispEdges">${shapes.join('')}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg), { limitInputPixels: width * height }).flatten({ background: '#000' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height) throw new RangeError(`polygon raster came out ${info.width}×${info.height}, expected ${width}×${height}`);
  const mask = createMask(width, height);
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = (data[i] as number) >= 128 ? 1 : 0;
  return mask;
}
