import { getDb, getTaskForHolder, leaseNextTask } from '@lae-studio/db';
import { nextRequest, nextResponse } from '@/contracts/tasks';
import { domainErrorResponse, parseJson, respond } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf } from '../_lib/actor';
import { toTaskDto } from '../_lib/task-dto';

export const dynamic = 'force-dynamic';

/** Lease the next task of a project (or resume the caller's live lease there). 200 { task } or { task: null } when the queue is empty. */
export async function POST(req: Request) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, nextRequest);
  if (body.error) return body.error;
  try {
    const actor = actorOf(user);
    const lease = await leaseNextTask(getDb(), { actor, projectId: body.data.projectId });
    if (!lease) return respond(nextResponse, { task: null });
    return respond(nextResponse, { task: toTaskDto(await getTaskForHolder(getDb(), { actor, taskId: lease.taskId })), resumed: lease.resumed });
  } catch (err) {
    return domainErrorResponse(err);
  }
}
