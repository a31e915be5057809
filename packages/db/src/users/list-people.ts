import type { Db } from '../client.ts';
import type { Role } from '../generated/prisma/client.ts';
import { reviewCounts, type ReviewCounts } from '../review/review-counts.ts';

export interface PersonRow extends ReviewCounts {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  /** Human masks submitted in the window, and per day over it. */
  masksInWindow: number;
  perDay: number;
}

/** Every user with throughput and acceptance over human masks, aggregated by GROUP BY (not per user). */
export async function listPeople(db: Db, opts: { windowDays?: number } = {}): Promise<PersonRow[]> {
  const days = opts.windowDays ?? 7;
  const since = new Date(Date.now() - days * 86_400_000);
  const [users, byReview, recent] = await Promise.all([
    db.user.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true } }),
    db.mask.groupBy({ by: ['authorId', 'review'], where: { source: 'human', authorId: { not: null } }, _count: { _all: true } }),
    db.mask.groupBy({ by: ['authorId'], where: { source: 'human', authorId: { not: null }, createdAt: { gte: since } }, _count: { _all: true } }),
  ]);
  return users.map((u) => {
    const counts = reviewCounts((review) => byReview.find((g) => g.authorId === u.id && g.review === review)?._count._all ?? 0);
    const masksInWindow = recent.find((g) => g.authorId === u.id)?._count._all ?? 0;
    return { ...u, masksInWindow, perDay: masksInWindow / days, ...counts };
  });
}
