import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb, releaseTask } from '@lae-studio/db';
import { domainErrorResponse, parseJson } from '@/server/http';
import { afterTaskAnswered } from '@/server/jobs';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../_lib/actor';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  leaseToken: z.string().min(1).max(128),
  /** Present = skip (the task leaves the queue with this reason); absent = close (back to the queue). */
  skipReason: z.string().trim().min(1).max(500).optional(),
});

/** Skip (with a reason) or close a task. 200 { status }; 409 when the lease was already lost. */
export async function POST(req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, bodySchema);
  if (body.error) return body.error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return NextResponse.json({ error: 'not_found', message: 'No such task.' }, { status: 404 });
  try {
    const result = await releaseTask(getDb(), { actor: actorOf(user), taskId, ...body.data });
    if (result.status === 'skipped') await afterTaskAnswered(taskId);
    return NextResponse.json(result);
  } catch (err) {
    return domainErrorResponse(err);
  }
}
