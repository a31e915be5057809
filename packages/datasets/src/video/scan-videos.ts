import path from 'node:path';
import { videoGroup } from '../import/faceforensics.ts';
import { walkFiles } from '../import/safe-walk.ts';
import { DEFAULT_SPLIT_RATIOS, splitForGroup, type SplitRatios } from '../import/split.ts';
import { type ImportCandidate } from '../import/pipeline.ts';
import { type ImportIssue } from '../import/types.ts';
import { type Label, type Novelty } from '../synthetic/plan.ts';

// Two layouts of videos:
//   folder:        real/**/<v>.mp4, fake/<manipulation>/**/<v>.mp4, masks/<manipulation>/**/<v>.mp4 (mask videos)
//   faceforensics: original_sequences/<source>/<compression>/videos/<v>.mp4
//                  manipulated_sequences/<Method>/<compression>/videos/<v>.mp4
//                  manipulated_sequences/<Method>/masks/videos/<v>.mp4
// Every frame of a video gets the video's split; FF++ fakes group with their target identity (videoGroup),
// so an original and the fakes made from it never straddle train and test.

export const VIDEO_EXTENSIONS = ['.mp4', '.webm', '.avi', '.mov', '.mkv'];

export function isVideoPath(p: string): boolean {
  return VIDEO_EXTENSIONS.includes(path.extname(p).toLowerCase());
}

/** A video found on disk: the same fields as an image import's candidate (its path is the video's). */
export type VideoCandidate = ImportCandidate;

export interface VideoScanOptions {
  layout: 'folder' | 'faceforensics';
  seed?: number | string;
  ratios?: SplitRatios;
  novelty?: Record<string, Novelty>;
  /** FF++ only: compression folder (default c23) and original sources (default youtube). */
  compression?: string;
  sources?: string[];
}

const stripExt = (p: string) => p.slice(0, p.length - path.posix.extname(p).length);

interface Found {
  path: string;
  label: Label;
  manipulation: string | null;
  group: string;
  maskKey: string | null;
}

function classify(f: string, o: VideoScanOptions): { video?: Found; maskKey?: string } {
  const p = f.split('/');
  if (o.layout === 'folder') {
    if (p[0] === 'real' && p.length >= 2) return { video: { path: f, label: 'real', manipulation: null, group: stripExt(p.slice(1).join('/')), maskKey: null } };
    if (p[0] === 'fake' && p.length >= 3) {
      const key = stripExt(p.slice(1).join('/'));
      return { video: { path: f, label: 'fake', manipulation: p[1] as string, group: stripExt(p.slice(2).join('/')), maskKey: key } };
    }
    if (p[0] === 'masks' && p.length >= 3) return { maskKey: stripExt(p.slice(1).join('/')) };
    return {};
  }
  const compression = o.compression ?? 'c23';
  const stem = stripExt(p.at(-1) ?? '');
  if (p.length !== 5 || p[3] !== 'videos') return {};
  if (p[0] === 'original_sequences' && (o.sources ?? ['youtube']).includes(p[1] as string) && p[2] === compression) {
    return { video: { path: f, label: 'real', manipulation: null, group: videoGroup(stem), maskKey: null } };
  }
  if (p[0] === 'manipulated_sequences' && p[2] === 'masks') return { maskKey: `${p[1]}/${stem}` };
  if (p[0] === 'manipulated_sequences' && p[2] === compression) {
    return { video: { path: f, label: 'fake', manipulation: p[1] as string, group: videoGroup(stem), maskKey: `${p[1]}/${stem}` } };
  }
  return {};
}

/** Finds the videos (and mask videos) of a layout without decoding anything; symlinks out of the root are refused. */
export async function scanVideos(root: string, o: VideoScanOptions): Promise<{ candidates: VideoCandidate[]; issues: ImportIssue[] }> {
  const absRoot = path.resolve(root);
  const { files, issues } = await walkFiles(absRoot);
  const videos: Found[] = [];
  const masks = new Map<string, string>();
  for (const f of files.filter(isVideoPath)) {
    const c = classify(f, o);
    if (c.video) videos.push(c.video);
    else if (c.maskKey) masks.set(c.maskKey, f);
  }
  const abs = (rel: string) => path.join(absRoot, ...rel.split('/'));
  const candidates = videos.map((v): VideoCandidate => {
    const maskPath = v.maskKey ? (masks.get(v.maskKey) ?? null) : null;
    return {
      path: v.path,
      absolutePath: abs(v.path),
      maskPath,
      maskAbsolutePath: maskPath ? abs(maskPath) : null,
      label: v.label,
      manipulation: v.manipulation,
      split: splitForGroup(v.group, o.seed ?? 0, o.ratios ?? DEFAULT_SPLIT_RATIOS),
      novelty: v.manipulation ? (o.novelty?.[v.manipulation] ?? 'seen') : 'seen',
      group: v.group,
    };
  });
  return { candidates, issues };
}
