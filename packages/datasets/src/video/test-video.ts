import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_FFMPEG, type FfmpegPaths } from './ffmpeg.ts';

/** Encoder by container: what a test or benchmark needs to cover mp4, webm and avi. */
const CODECS: Record<string, string[]> = {
  '.mp4': ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
  '.webm': ['-c:v', 'libvpx', '-b:v', '1M'],
  '.avi': ['-c:v', 'mpeg4', '-q:v', '2'],
};

/**
 * Writes a short synthetic video with ffmpeg's lavfi sources (no media files needed): `testsrc` or `testsrc2`
 * (patterns with a frame counter, so every frame differs) or a FaceForensics++-style mask video (white box on black,
 * encoded losslessly so each frame's mask is known exactly).
 */
export async function makeTestVideo(
  file: string,
  o: { frames: number; width: number; height: number; kind?: 'testsrc' | 'testsrc2' | 'mask'; box?: { x: number; y: number; w: number; h: number }; paths?: FfmpegPaths },
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const size = `${o.width}x${o.height}`;
  const b = o.box ?? { x: 4, y: 4, w: 8, h: 8 };
  const input = o.kind === 'mask' ? `color=c=black:s=${size}:r=25,drawbox=x=${b.x}:y=${b.y}:w=${b.w}:h=${b.h}:color=white:t=fill` : `${o.kind ?? 'testsrc'}=s=${size}:r=25`;
  const codec = o.kind === 'mask' ? ['-c:v', 'libx264', '-qp', '0', '-pix_fmt', 'yuv444p'] : (CODECS[path.extname(file).toLowerCase()] ?? CODECS['.mp4']!);
  await promisify(execFile)((o.paths ?? DEFAULT_FFMPEG).ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', input, '-frames:v', String(o.frames), ...codec, file]);
}
