import { NextResponse } from 'next/server';
import { getDb, renewLease } from '@lae-studio/db';
import { heartbeatRequest, heartbeatResponse } from '@/contracts/tasks';
import { domainErrorResponse, parseJson, respond } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../_lib/actor';

export const dynamic = 'force-dynamic';

/** Renew the lease while the editor is open. 200 { leaseExpiresAt }; 409 when the lease was lost. */
export async function POST(req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, heartbeatRequest);
  if (body.error) return body.error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return NextResponse.json({ error: 'not_found', message: 'No such task.' }, { status: 404 });
  try {
    const { leaseExpiresAt } = await renewLease(getDb(), { actor: actorOf(user), taskId, leaseToken: body.data.leaseToken });
    return respond(heartbeatResponse, { leaseExpiresAt: new Date(leaseExpiresAt).toISOString() });
  } catch (err) {
    return domainErrorResponse(err);
  }
}
