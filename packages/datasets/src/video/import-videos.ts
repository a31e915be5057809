import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { binarize, type BinaryMask } from '@lae-studio/mask-codec';
import sharp from 'sharp';
import { resolveLimits, type ImageLimits } from '../images/limits.ts';
import { type ImportIssue, type ImportProgress, type ImportReport, type ImportSink } from '../import/types.ts';
import { FfmpegMissingError, VideoError } from './errors.ts';
import { DEFAULT_FFMPEG, probeVideo, readFrames, type DecodedFrame, type FfmpegPaths, type VideoInfo } from './ffmpeg.ts';
import { frameIndices, type FrameSampling } from './sampling.ts';
import { scanVideos, type VideoCandidate, type VideoScanOptions } from './scan-videos.ts';

export interface VideoLimits extends ImageLimits {
  /** Largest accepted video file. */
  maxVideoBytes: number;
  /** At most this many frames are taken from one video, whatever the sampling asks. */
  maxFramesPerVideo: number;
}

export const DEFAULT_VIDEO_LIMITS: Pick<VideoLimits, 'maxVideoBytes' | 'maxFramesPerVideo'> = { maxVideoBytes: 4 * 1024 ** 3, maxFramesPerVideo: 2000 };

export interface VideoImportOptions extends VideoScanOptions {
  sampling: FrameSampling;
  limits?: Partial<VideoLimits>;
  ffmpeg?: FfmpegPaths;
  /** Mask-video pixels ≥ this (8-bit gray) are forged; default 128, which also cleans compression noise. */
  maskThreshold?: number;
  /** Samples that are already stored, by video and frame: skipped without decoding (retries, re-imports). */
  hasFrame?: (video: string, frameIndex: number) => Promise<boolean>;
  onProgress?: (p: ImportProgress) => void;
}

/** Where a frame lands as a sample: `<video path without extension>/<index, 6 digits>.png`. */
export function frameSourceName(video: string, index: number): string {
  return `${video.slice(0, video.length - path.posix.extname(video).length)}/${String(index).padStart(6, '0')}.png`;
}

interface Planned {
  c: VideoCandidate;
  info: VideoInfo;
  maskInfo: VideoInfo | null;
  indices: number[];
}

async function plan(c: VideoCandidate, o: VideoImportOptions, limits: VideoLimits, issues: ImportIssue[]): Promise<Planned | null> {
  const paths = o.ffmpeg ?? DEFAULT_FFMPEG;
  try {
    const { size } = await fs.stat(c.absolutePath);
    if (size > limits.maxVideoBytes) throw new VideoError('too-large', `video is ${size} bytes, over the limit of ${limits.maxVideoBytes}`);
    const info = await probeVideo(c.absolutePath, paths);
    // The pixel limit of images applies to each frame, checked before anything is decoded.
    if (info.width * info.height > limits.maxPixels) throw new VideoError('too-large', `frames are ${info.width}×${info.height}, over the limit of ${limits.maxPixels} pixels`);
    let maskInfo: VideoInfo | null = null;
    if (c.maskAbsolutePath) {
      maskInfo = await probeVideo(c.maskAbsolutePath, paths).catch((e: Error) => (issues.push({ path: c.maskPath!, code: 'corrupt-mask', message: e.message }), null));
      if (maskInfo && (maskInfo.width !== info.width || maskInfo.height !== info.height)) {
        issues.push({ path: c.maskPath!, code: 'mask-size-mismatch', message: `mask video is ${maskInfo.width}×${maskInfo.height}, the video ${info.width}×${info.height}; frames imported without masks` });
        maskInfo = null;
      }
    }
    return { c, info, maskInfo, indices: frameIndices(info.frames, o.sampling, limits.maxFramesPerVideo) };
  } catch (error) {
    if (error instanceof FfmpegMissingError) throw error;
    const code = error instanceof VideoError ? error.code : 'unreadable';
    issues.push({ path: c.path, code: code === 'too-large' ? 'too-large' : code === 'corrupt-video' ? 'corrupt-video' : 'unreadable', message: (error as Error).message });
    return null;
  }
}

/**
 * Samples frames of each video into the sink as PNG images (lossless, so the stored frame is what ffmpeg
 * decoded), with the frame's mask from the mask video when there is one. A bad video is reported and
 * skipped; the rest goes on.
 */
export async function importVideos(root: string, sink: ImportSink, o: VideoImportOptions): Promise<ImportReport & { frames: number; videos: number }> {
  const limits: VideoLimits = { ...resolveLimits(o.limits), ...DEFAULT_VIDEO_LIMITS, ...o.limits };
  const { candidates, issues } = await scanVideos(root, o);
  const report = { scanned: 0, added: 0, duplicates: 0, issues, bySplit: {} as Record<string, number>, byManipulation: {} as Record<string, number>, masks: 0, frames: 0, videos: candidates.length };
  const planned: Planned[] = [];
  for (const c of candidates) {
    const p = await plan(c, o, limits, issues);
    if (p) planned.push(p);
  }
  const total = planned.reduce((n, p) => n + p.indices.length, 0);
  for (const p of planned) await importOne(p, sink, o, report, total, issues);
  return report;
}

async function importOne(p: Planned, sink: ImportSink, o: VideoImportOptions, report: ImportReport & { frames: number }, total: number, issues: ImportIssue[]): Promise<void> {
  const paths = o.ffmpeg ?? DEFAULT_FFMPEG;
  const { c, info } = p;
  const known = new Set<number>();
  if (o.hasFrame) for (const i of p.indices) if (await o.hasFrame(c.path, i)) known.add(i);
  const todo = p.indices.filter((i) => !known.has(i));
  const progress = (path: string, outcome: ImportProgress['outcome']) => {
    report.scanned++;
    o.onProgress?.({ done: report.scanned, total, path, outcome });
  };
  for (const i of known) {
    report.duplicates++;
    progress(frameSourceName(c.path, i), 'duplicate');
  }
  if (todo.length === 0) return;
  const every = 'every' in o.sampling && known.size === 0 && todo.length === Math.ceil(info.frames / o.sampling.every) ? o.sampling.every : undefined;
  const frames = readFrames(c.absolutePath, { indices: todo, ...(every ? { every } : {}), width: info.width, height: info.height, paths });
  const maskFrames = p.maskInfo ? readFrames(c.maskAbsolutePath!, { indices: todo, ...(every ? { every } : {}), width: info.width, height: info.height, gray: true, paths }) : null;
  let got = 0;
  let masked = 0;
  try {
    for await (const frame of frames) {
      got++;
      const maskFrame: DecodedFrame | undefined = maskFrames ? (await maskFrames.next()).value ?? undefined : undefined;
      const mask: BinaryMask | null = maskFrame && maskFrame.index === frame.index ? binarize(info.width, info.height, maskFrame.pixels, o.maskThreshold ?? 128) : null;
      if (mask) masked++;
      const bytes = new Uint8Array(await sharp(frame.pixels, { raw: { width: info.width, height: info.height, channels: 3 } }).png().toBuffer());
      const name = frameSourceName(c.path, frame.index);
      const sample = {
        sourceName: name,
        bytes,
        contentHash: createHash('sha256').update(bytes).digest('hex'),
        format: 'png' as const,
        width: info.width,
        height: info.height,
        label: c.label,
        manipulation: c.manipulation,
        split: c.split,
        novelty: c.novelty,
        group: c.group,
        mask: c.label === 'fake' ? mask : null,
        maskSourceName: mask && c.maskPath ? `${c.maskPath}#${frame.index}` : null,
        video: { name: c.path, frameIndex: frame.index },
      };
      let outcome: ImportProgress['outcome'];
      try {
        outcome = await sink.addSample(sample);
      } catch (error) {
        issues.push({ path: name, code: 'sink-error', message: (error as Error).message });
        outcome = 'skipped';
      }
      if (outcome === 'added') {
        report.added++;
        report.frames++;
        report.bySplit[c.split] = (report.bySplit[c.split] ?? 0) + 1;
        report.byManipulation[c.manipulation ?? 'real'] = (report.byManipulation[c.manipulation ?? 'real'] ?? 0) + 1;
        if (sample.mask) report.masks++;
      } else if (outcome === 'duplicate') report.duplicates++;
      progress(name, outcome);
    }
  } catch (error) {
    if (error instanceof FfmpegMissingError) throw error;
    issues.push({ path: c.path, code: 'corrupt-video', message: (error as Error).message });
  } finally {
    await maskFrames?.return(undefined);
  }
  if (got < todo.length) issues.push({ path: c.path, code: 'corrupt-video', message: `decoded ${got} of the ${todo.length} frames asked for` });
  if (p.maskInfo && masked < got) issues.push({ path: c.maskPath!, code: 'missing-mask-frames', message: `mask video has no frame for ${got - masked} of ${got} sampled frames; those were imported without a mask` });
  for (let k = got; k < todo.length; k++) progress(frameSourceName(c.path, todo[k]!), 'skipped');
}
