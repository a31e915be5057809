/**
 * Which frames of a video become samples: every Nth frame, or N frames evenly spaced over the video. The job
 * payload's schema (`frameSampling` in @lae-studio/queue) validates it at the boundary.
 */
export type FrameSampling = { every: number } | { perVideo: number };

/** Frame indices (ascending, from 0) for a video of `frames` frames; at most `max`. */
export function frameIndices(frames: number, sampling: FrameSampling, max = Infinity): number[] {
  let out: number[];
  if ('every' in sampling) out = Array.from({ length: Math.ceil(frames / sampling.every) }, (_, i) => i * sampling.every);
  else {
    const n = Math.min(frames, sampling.perVideo);
    // Centres of n equal stretches: the first and last frames (often black or fading) are avoided.
    out = [...new Set(Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * frames) / n)))];
  }
  return out.slice(0, Math.min(out.length, max));
}
