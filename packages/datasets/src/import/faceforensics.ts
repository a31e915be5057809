import path from 'node:path';
import { type Split } from '../synthetic/config.ts';
import { type Novelty } from '../synthetic/plan.ts';
import { isImagePath, type ScanResult } from './folder.ts';
import { runImport, type ImportCandidate, type ImportOptions } from './pipeline.ts';
import { walkFiles } from './safe-walk.ts';
import { DEFAULT_SPLIT_RATIOS, splitForGroup, type SplitRatios } from './split.ts';
import { type ImportReport, type ImportSink } from './types.ts';

// FaceForensics++ with extracted frames:
//   original_sequences/<source>/<compression>/(images|frames)/<video>/<frame>.png             real
//   manipulated_sequences/<Method>/<compression>/(images|frames)/<video>/<frame>.png          fake
//   manipulated_sequences/<Method>/masks/(images|frames)/<video>/<frame>.png                  its masks
// <source> is youtube (default) or actors (DeepFakeDetection); <compression> raw | c23 | c40.

export interface FaceForensicsImportOptions extends ImportOptions {
  /** Default 'c23'. */
  compression?: string;
  /** Original sources to include; default ['youtube']. */
  sources?: string[];
  /** Methods to include (folder names, e.g. Deepfakes, Face2Face); default all found. */
  methods?: string[];
  /** Novelty per method (default 'seen'). */
  novelty?: Record<string, Novelty>;
  /** At most this many frames per video, evenly spaced; default all. */
  framesPerVideo?: number;
  seed?: number | string;
  ratios?: SplitRatios;
  /** Fixed splits per group (e.g. from FF++'s official train/val/test lists); others use the seeded ratio. */
  groupSplits?: Record<string, Split>;
}

const FRAME_DIRS = new Set(['images', 'frames']);

/**
 * The group a video belongs to: the target identity, i.e. the part before the first `_`. `000` and every
 * manipulation of it (`000_003`) share a group, so frames of one video — and fakes made from it — never
 * cross splits. DeepFakeDetection names (`01__scene`, `01_02__scene__ID`) group by actor the same way.
 */
export function videoGroup(video: string): string {
  return video.split('_')[0] || video;
}

function evenlySpaced<T>(items: T[], max: number | undefined): T[] {
  if (!max || items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)] as T);
}

function stem(p: string): string {
  return path.posix.basename(p, path.posix.extname(p));
}

export async function scanFaceForensics(root: string, options: FaceForensicsImportOptions = {}): Promise<ScanResult> {
  const absRoot = path.resolve(root);
  const compression = options.compression ?? 'c23';
  const sources = new Set(options.sources ?? ['youtube']);
  const methods = options.methods ? new Set(options.methods) : null;
  const { files, issues } = await walkFiles(absRoot);

  // video key → frames; mask key (method/video/frame stem) → mask path
  const videos = new Map<string, { label: 'real' | 'fake'; method: string | null; video: string; frames: string[] }>();
  const masks = new Map<string, string>();
  for (const f of files) {
    if (!isImagePath(f)) continue;
    const p = f.split('/');
    if (p[0] === 'original_sequences' && p.length === 6 && sources.has(p[1] as string) && p[2] === compression && FRAME_DIRS.has(p[3] as string)) {
      const key = `real/${p[1]}/${p[4]}`;
      const v = videos.get(key) ?? { label: 'real' as const, method: null, video: p[4] as string, frames: [] };
      v.frames.push(f);
      videos.set(key, v);
    } else if (p[0] === 'manipulated_sequences' && p.length === 6 && FRAME_DIRS.has(p[3] as string)) {
      const method = p[1] as string;
      if (methods && !methods.has(method)) continue;
      if (p[2] === 'masks') masks.set(`${method}/${p[4]}/${stem(f)}`, f);
      else if (p[2] === compression) {
        const key = `fake/${method}/${p[4]}`;
        const v = videos.get(key) ?? { label: 'fake' as const, method, video: p[4] as string, frames: [] };
        v.frames.push(f);
        videos.set(key, v);
      }
    }
  }

  const candidates: ImportCandidate[] = [];
  for (const v of videos.values()) {
    const group = videoGroup(v.video);
    const split = options.groupSplits?.[group] ?? splitForGroup(group, options.seed ?? 0, options.ratios ?? DEFAULT_SPLIT_RATIOS);
    for (const frame of evenlySpaced(v.frames.sort(), options.framesPerVideo)) {
      const maskPath = v.method ? (masks.get(`${v.method}/${v.video}/${stem(frame)}`) ?? null) : null;
      candidates.push({
        path: frame,
        absolutePath: path.join(absRoot, ...frame.split('/')),
        maskPath,
        maskAbsolutePath: maskPath ? path.join(absRoot, ...maskPath.split('/')) : null,
        label: v.label,
        manipulation: v.method,
        split,
        novelty: v.method ? (options.novelty?.[v.method] ?? 'seen') : 'seen',
        group,
      });
    }
  }
  candidates.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { candidates, issues };
}

/** Scans a FaceForensics++ frame tree and imports it into the sink; masks are binarized. */
export async function importFaceForensics(root: string, sink: ImportSink, options: FaceForensicsImportOptions = {}): Promise<ImportReport> {
  const { candidates, issues } = await scanFaceForensics(root, options);
  return runImport(candidates, sink, issues, options);
}
