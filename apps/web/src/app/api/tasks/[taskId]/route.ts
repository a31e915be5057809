import { NextResponse } from 'next/server';
import { getDb, getTaskForHolder } from '@lae-studio/db';
import { leaseResponse } from '@/contracts/tasks';
import { domainErrorResponse, respond } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../_lib/actor';
import { toTaskDto } from '../_lib/task-dto';

export const dynamic = 'force-dynamic';

/** The task as its lease holder sees it; 404 for everyone else. */
export async function GET(_req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return NextResponse.json({ error: 'not_found', message: 'No such task.' }, { status: 404 });
  try {
    return respond(leaseResponse, { task: toTaskDto(await getTaskForHolder(getDb(), { actor: actorOf(user), taskId })) });
  } catch (err) {
    return domainErrorResponse(err);
  }
}
