import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage, ImageError, probeImage, toModelInput, toModelInputUint8 } from '../src/index.ts';
import { pngBomb } from './helpers.ts';

/** A 4×2 RGB image: left half red, right half blue; top-left pixel white as an orientation marker. */
function marker(): { data: Buffer; width: number; height: number } {
  const width = 4;
  const height = 2;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set(x < 2 ? [255, 0, 0] : [0, 0, 255], (y * width + x) * 3);
  data.set([255, 255, 255], 0);
  return { data, width, height };
}

async function encodeMarker(format: 'png' | 'jpeg' | 'webp', orientation?: number): Promise<Uint8Array> {
  const { data, width, height } = marker();
  let pipeline = sharp(data, { raw: { width, height, channels: 3 } });
  pipeline = format === 'png' ? pipeline.png() : format === 'jpeg' ? pipeline.jpeg({ quality: 100, chromaSubsampling: '4:4:4' }) : pipeline.webp({ lossless: true });
  if (orientation) pipeline = pipeline.withMetadata({ orientation });
  return new Uint8Array(await pipeline.toBuffer());
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError);
    return (error as ImageError).code;
  }
  throw new Error('expected an ImageError');
}

describe('decodeImage', () => {
  it.each(['png', 'jpeg', 'webp'] as const)('decodes %s to upright RGB and RGBA', async (format) => {
    const bytes = await encodeMarker(format);
    const rgb = await decodeImage(bytes);
    expect([rgb.format, rgb.width, rgb.height, rgb.channels, rgb.data.length]).toEqual([format, 4, 2, 3, 24]);
    expect(rgb.data[0]).toBeGreaterThan(240); // white marker
    expect(rgb.data[3 * 3 + 2]).toBeGreaterThan(200); // right side blue
    const rgba = await decodeImage(bytes, { channels: 4 });
    expect(rgba.data.length).toBe(32);
    expect(rgba.data[3]).toBe(255);
  });

  it('honours EXIF orientation (6 = rotate 90° clockwise)', async () => {
    const bytes = await encodeMarker('jpeg', 6);
    const info = await probeImage(bytes);
    expect([info.orientation, info.width, info.height]).toEqual([6, 2, 4]);
    const img = await decodeImage(bytes);
    expect([img.width, img.height]).toEqual([2, 4]);
    // After a clockwise turn the top-left marker sits at the top-right, and the red half is on top.
    const px = (x: number, y: number) => Array.from(img.data.subarray((y * 2 + x) * 3, (y * 2 + x) * 3 + 3));
    expect(px(1, 0).every((v) => v > 200)).toBe(true);
    expect(px(0, 0)[0]).toBeGreaterThan(200);
    expect(px(0, 3)[2]).toBeGreaterThan(200); // blue at the bottom
  });

  it('rejects what is not an image, or not a supported one', async () => {
    expect(await codeOf(decodeImage(new TextEncoder().encode('definitely not an image')))).toBe('not-an-image');
    expect(await codeOf(decodeImage(new Uint8Array(0)))).toBe('not-an-image');
    const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#f00' } }).gif().toBuffer();
    expect(await codeOf(decodeImage(gif))).toBe('unsupported-format');
  });

  it('rejects truncated files', async () => {
    const big = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg()
      .toBuffer();
    expect(await codeOf(decodeImage(big.subarray(0, Math.floor(big.length / 2))))).toBe('corrupt');
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png()
      .toBuffer();
    expect(await codeOf(decodeImage(png.subarray(0, Math.floor(png.length / 2))))).toBe('corrupt');
  });

  it('enforces byte and pixel limits, refusing a decompression bomb from its header', async () => {
    const bomb = pngBomb(30_000); // 900 MP in a few hundred KB
    expect(bomb.length).toBeLessThan(1_000_000);
    const started = performance.now();
    expect(await codeOf(decodeImage(bomb))).toBe('too-many-pixels');
    expect(performance.now() - started).toBeLessThan(3000); // refused without inflating 900 MP
    const bytes = await encodeMarker('png');
    expect(await codeOf(decodeImage(bytes, { limits: { maxPixels: 7 } }))).toBe('too-many-pixels');
    expect(await codeOf(decodeImage(bytes, { limits: { maxBytes: 10 } }))).toBe('too-many-bytes');
    expect((await decodeImage(bytes, { limits: { maxPixels: 8 } })).width).toBe(4);
  });
});

describe('model inputs', () => {
  it('resizes to S×S RGB, as bytes and as floats in [0, 1]', async () => {
    const bytes = await encodeMarker('png');
    const u8 = await toModelInputUint8(bytes, { size: 16 });
    expect(u8.data.length).toBe(16 * 16 * 3);
    const f = await toModelInput(bytes, { size: 16 });
    expect(f.data).toBeInstanceOf(Float32Array);
    expect(f.data.length).toBe(16 * 16 * 3);
    expect(Math.max(...f.data)).toBeLessThanOrEqual(1);
    expect(f.data[5]).toBeCloseTo(u8.data[5]! / 255, 6);
    // Bottom-right corner is blue.
    const last = (16 * 16 - 1) * 3;
    expect(u8.data[last + 2]).toBeGreaterThan(200);
    expect(u8.data[last]).toBeLessThan(50);
    await expect(toModelInput(bytes, { size: 0 })).rejects.toThrow(RangeError);
  });
});
