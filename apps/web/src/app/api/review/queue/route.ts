import { getDb, listReviewQueue } from '@lae-studio/db';
import { reviewQueueResponse } from '@/contracts/review';
import { respond } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../tasks/_lib/actor';

export const dynamic = 'force-dynamic';

/** Masks awaiting review in the reviewer's projects (?projectId= narrows). */
export async function GET(req: Request) {
  const { user, error } = await requireApiUser('reviewer');
  if (error) return error;
  const projectId = new URL(req.url).searchParams.get('projectId') ?? undefined;
  if (projectId !== undefined && !ID_PATTERN.test(projectId)) return respond(reviewQueueResponse, { items: [] });
  const items = await listReviewQueue(getDb(), { actor: actorOf(user), projectId });
  return respond(reviewQueueResponse, { items: items.map((i) => ({ ...i, submittedAt: i.submittedAt.toISOString() })) });
}
