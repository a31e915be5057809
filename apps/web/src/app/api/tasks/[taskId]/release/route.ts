import { NextResponse } from 'next/server';
import { DomainError, getDb, releaseTask, saveDraft } from '@lae-studio/db';
import { releaseRequest, releaseResponse } from '@/contracts/tasks';
import { domainErrorResponse, parseJson, respond } from '@/server/http';
import { afterTaskAnswered } from '@/server/jobs';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../_lib/actor';
import { historyBytes, MAX_MASK_BODY_BYTES, toEncodedMask } from '../../_lib/mask-payload';

export const dynamic = 'force-dynamic';

/**
 * Skip (with a reason) or close a task, storing a final draft first when one is sent (the page's last
 * request as the tab closes). 200 { status }; 409 when the lease was already lost. A draft refused as
 * older than the stored one does not stop the release: the newer one is kept.
 */
export async function POST(req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, releaseRequest, MAX_MASK_BODY_BYTES);
  if (body.error) return body.error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return NextResponse.json({ error: 'not_found', message: 'No such task.' }, { status: 404 });
  try {
    const actor = actorOf(user);
    const { draft, leaseToken, skipReason } = body.data;
    if (draft) {
      await saveDraft(getDb(), { actor, taskId, revision: draft.revision, mask: toEncodedMask(draft.mask), history: historyBytes(draft.history) }).catch((err: unknown) => {
        if (!(err instanceof DomainError && err.code === 'conflict')) throw err;
      });
    }
    const result = await releaseTask(getDb(), { actor, taskId, leaseToken, skipReason });
    if (result.status === 'skipped') await afterTaskAnswered(taskId);
    return respond(releaseResponse, result);
  } catch (err) {
    return domainErrorResponse(err);
  }
}
