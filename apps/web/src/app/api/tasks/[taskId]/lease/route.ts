import { NextResponse } from 'next/server';
import { getDb, openTask } from '@lae-studio/db';
import { leaseRequest, leaseResponse } from '@/contracts/tasks';
import { domainErrorResponse, parseJson, respond } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../_lib/actor';
import { toTaskDto } from '../../_lib/task-dto';

export const dynamic = 'force-dynamic';

/** Open a task in the editor: renew the caller's lease or lease it anew if it is free for them. 200 { task }, 404, 409. */
export async function POST(req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, leaseRequest);
  if (body.error) return body.error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return NextResponse.json({ error: 'not_found', message: 'No such task.' }, { status: 404 });
  try {
    const actor = actorOf(user);
    return respond(leaseResponse, { task: toTaskDto(await openTask(getDb(), { actor, taskId })) });
  } catch (err) {
    return domainErrorResponse(err);
  }
}
