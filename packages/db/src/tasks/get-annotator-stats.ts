import type { Db } from '../client.ts';
import { reviewCounts, type ReviewCounts } from '../review/review-counts.ts';
import { leaseStartOf } from './lease-token.ts';

export interface AnnotatorStats extends ReviewCounts {
  /** Masks the user submitted since `since`. */
  doneSince: number;
  /** Median lease → submit time of those submissions, seconds; null with none. */
  medianSeconds: number | null;
}

export async function getAnnotatorStats(db: Db, opts: { userId: string; since: Date }): Promise<AnnotatorStats> {
  const { userId, since } = opts;
  const [doneSince, byReview, tasks] = await Promise.all([
    db.mask.count({ where: { authorId: userId, source: 'human', createdAt: { gte: since } } }),
    db.mask.groupBy({ by: ['review'], where: { authorId: userId, source: 'human' }, _count: { _all: true } }),
    db.annotationTask.findMany({ where: { leaseHolderId: userId, submittedAt: { gte: since } }, select: { leaseToken: true, submittedAt: true } }),
  ]);
  const durations = tasks
    .map((t) => {
      const start = leaseStartOf(t.leaseToken);
      return start && t.submittedAt ? (t.submittedAt.getTime() - start.getTime()) / 1000 : null;
    })
    .filter((d): d is number => d !== null && d >= 0)
    .sort((a, b) => a - b);
  return { doneSince, medianSeconds: median(durations), ...reviewCounts((r) => byReview.find((g) => g.review === r)?._count._all ?? 0) };
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
