import { NextResponse } from 'next/server';
import { getDb, getDraft, getReworkBase, saveDraft } from '@lae-studio/db';
import { draftGetResponse, draftPutRequest, draftPutResponse } from '@/contracts/tasks';
import { domainErrorResponse, parseJson, respond } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../_lib/actor';
import { historyBytes, MAX_MASK_BODY_BYTES, toEncodedMask, toRlePayload } from '../../_lib/mask-payload';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ taskId: string }> };
const notFound = () => NextResponse.json({ error: 'not_found', message: 'No draft.' }, { status: 404 });

/**
 * The caller's own draft for the task, with its undo history. For a task returned by a reviewer without a
 * draft yet, the caller's rejected mask as revision 0 (rework). No draft is the normal state of a fresh
 * task, not an error: 200 { draft: null } (a 404 only for a malformed id).
 */
export async function GET(_req: Request, { params }: Params) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return notFound();
  const actor = actorOf(user);
  const headers = { 'cache-control': 'no-store' };
  const draft = await getDraft(getDb(), { actor, taskId });
  if (draft?.encoding === 'rle') {
    const history = draft.history ? Buffer.from(draft.history).toString('base64') : null;
    return respond(draftGetResponse, { draft: { revision: draft.revision, mask: toRlePayload(draft), history, updatedAt: draft.updatedAt.toISOString() } }, { headers });
  }
  const rework = draft ? null : await getReworkBase(getDb(), { actor, taskId });
  if (rework?.encoding === 'rle') return respond(draftGetResponse, { draft: { revision: 0, mask: toRlePayload(rework), rework: true } }, { headers });
  return respond(draftGetResponse, { draft: null }, { headers });
}

/** Autosave: 200 { revision }; 409 when a newer revision is already stored; 400 on a bad mask. */
export async function PUT(req: Request, { params }: Params) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, draftPutRequest, MAX_MASK_BODY_BYTES);
  if (body.error) return body.error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return notFound();
  try {
    const { revision, mask, history } = body.data;
    const saved = await saveDraft(getDb(), { actor: actorOf(user), taskId, revision, mask: toEncodedMask(mask), history: historyBytes(history) });
    return respond(draftPutResponse, saved);
  } catch (err) {
    return domainErrorResponse(err);
  }
}
