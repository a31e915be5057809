import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb, getTaskForHolder, leaseNextTask } from '@lae-studio/db';
import { domainErrorResponse, parseJson } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf } from '../_lib/actor';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ projectId: z.string().min(1).max(64) });

/** Lease the next task of a project (or resume the caller's live lease there). 200 { task } or { task: null } when the queue is empty. */
export async function POST(req: Request) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, bodySchema);
  if (body.error) return body.error;
  try {
    const actor = actorOf(user);
    const lease = await leaseNextTask(getDb(), { actor, projectId: body.data.projectId });
    if (!lease) return NextResponse.json({ task: null });
    return NextResponse.json({ task: await getTaskForHolder(getDb(), { actor, taskId: lease.taskId }), resumed: lease.resumed });
  } catch (err) {
    return domainErrorResponse(err);
  }
}
