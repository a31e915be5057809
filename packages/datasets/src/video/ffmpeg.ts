import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import { FfmpegMissingError, VideoError } from './errors.ts';

/** The ffmpeg and ffprobe programs (Debian's `ffmpeg` package); the worker resolves them at start. */
export interface FfmpegPaths {
  ffmpeg: string;
  ffprobe: string;
}

export const DEFAULT_FFMPEG: FfmpegPaths = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

export interface VideoInfo {
  /** Upright size of the decoded frames (a ±90° rotation tag swaps the coded size). */
  width: number;
  height: number;
  /** Frames in the stream (counted packets: exact, read from the container without decoding). */
  frames: number;
  codec: string;
}

const probeSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_name: z.string().default('unknown'),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        nb_read_packets: z.coerce.number().int().min(0),
        side_data_list: z.array(z.object({ rotation: z.number().optional() }).loose()).optional(),
      }),
    )
    .min(1),
});

export async function probeVideo(file: string, paths: FfmpegPaths = DEFAULT_FFMPEG): Promise<VideoInfo> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(
      paths.ffprobe,
      ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=codec_name,width,height,nb_read_packets:stream_side_data=rotation', '-of', 'json', file],
      { maxBuffer: 1 << 20, timeout: 120_000 },
    ));
  } catch (error) {
    const e = error as { code?: unknown; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new FfmpegMissingError(paths.ffprobe);
    throw new VideoError('corrupt-video', `ffprobe cannot read it: ${(e.stderr || e.message).trim().split('\n').at(-1)}`);
  }
  const parsed = probeSchema.safeParse(JSON.parse(stdout || '{}'));
  if (!parsed.success) throw new VideoError('corrupt-video', 'no video stream');
  const s = parsed.data.streams[0]!;
  const rotation = Math.abs(s.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0) % 180;
  return { width: rotation === 90 ? s.height : s.width, height: rotation === 90 ? s.width : s.height, frames: s.nb_read_packets, codec: s.codec_name };
}

/** ffmpeg's select filter for a set of frame indices (commas escaped for the filtergraph parser). */
export function selectExpression(indices: readonly number[], every?: number): string {
  if (every) return `select=not(mod(n\\,${every}))`;
  return `select=${indices.map((i) => `eq(n\\,${i})`).join('+')}`;
}

export interface DecodedFrame {
  index: number;
  /** Row-major pixels: RGB (3 bytes a pixel) or gray (1). */
  pixels: Uint8Array;
}

/**
 * Decodes the frames at `indices` (ascending) as raw RGB or gray pixels streamed from ffmpeg's stdout.
 * Stops ffmpeg once the last wanted frame has arrived; a stream that ends early yields what it had.
 */
export async function* readFrames(
  file: string,
  o: { indices: readonly number[]; every?: number; width: number; height: number; gray?: boolean; paths?: FfmpegPaths },
): AsyncGenerator<DecodedFrame> {
  const paths = o.paths ?? DEFAULT_FFMPEG;
  const frameBytes = o.width * o.height * (o.gray ? 1 : 3);
  const args = ['-v', 'error', '-nostdin', '-i', file, '-an', '-sn', '-dn', '-vf', selectExpression(o.indices, o.every), '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', o.gray ? 'gray' : 'rgb24', 'pipe:1'];
  const child = spawn(paths.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  // Awaited below; marked handled so that a consumer that stops early leaves no unhandled rejection.
  exited.catch(() => undefined);
  let pending: Buffer<ArrayBufferLike> = Buffer.alloc(0);
  let next = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= frameBytes && next < o.indices.length) {
        yield { index: o.indices[next++] as number, pixels: new Uint8Array(pending.subarray(0, frameBytes)) };
        pending = pending.subarray(frameBytes);
      }
      if (next >= o.indices.length) break;
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  const code = await exited.catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'ENOENT' ? new FfmpegMissingError(paths.ffmpeg) : new VideoError('unreadable', `cannot run ${paths.ffmpeg}: ${error.message}`);
  });
  if (next < o.indices.length && code !== 0 && code !== null) throw new VideoError('corrupt-video', `ffmpeg failed after ${next} frames: ${stderr.trim().split('\n').at(-1)}`);
}
