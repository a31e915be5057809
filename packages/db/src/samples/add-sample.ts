import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';
import type { Label, Novelty, Sample, Split } from '../generated/prisma/client.ts';

export interface AddSampleInput {
  projectId: string;
  storageKey: string;
  width: number;
  height: number;
  contentHash: string;
  label: Label;
  manipulation?: string | null;
  split: Split;
  novelty?: Novelty;
  sourceName?: string | null;
  /** A frame sampled from a video: the video's path and the frame's index in it. */
  videoName?: string | null;
  frameIndex?: number | null;
}

/** Add a sample unless the project already holds the same bytes (content hash): re-imports add nothing. */
export async function addSample(db: Db, input: AddSampleInput): Promise<{ sample: Sample; created: boolean }> {
  const where = { projectId_contentHash: { projectId: input.projectId, contentHash: input.contentHash } };
  const existing = await db.sample.findUnique({ where });
  if (existing) return { sample: existing, created: false };
  try {
    const sample = await db.sample.create({
      data: { ...input, manipulation: input.label === 'real' ? null : (input.manipulation ?? null), novelty: input.novelty ?? 'seen', sourceName: input.sourceName ?? null },
    });
    return { sample, created: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return { sample: await db.sample.findUniqueOrThrow({ where }), created: false };
  }
}
