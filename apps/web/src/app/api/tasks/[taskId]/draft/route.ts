import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb, getDraft, getReworkBase, saveDraft } from '@lae-studio/db';
import { domainErrorResponse, parseJson } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../_lib/actor';
import { MAX_MASK_BODY_BYTES, rleSchema, toEncodedMask, toRlePayload } from '../../_lib/mask-payload';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ taskId: string }> };
const notFound = () => NextResponse.json({ error: 'not_found', message: 'No draft.' }, { status: 404 });

/**
 * The caller's own draft for the task: 200 { draft: { revision, mask, updatedAt } }. For a task returned by
 * a reviewer without a draft yet, the caller's rejected mask as revision 0 ({ draft: { revision: 0, mask, rework: true } }).
 * No draft is the normal state of a fresh task, not an error: 200 { draft: null } (a 404 only for a malformed id).
 */
export async function GET(_req: Request, { params }: Params) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return notFound();
  const actor = actorOf(user);
  const headers = { 'cache-control': 'no-store' };
  const draft = await getDraft(getDb(), { actor, taskId });
  if (draft?.encoding === 'rle') return NextResponse.json({ draft: { revision: draft.revision, mask: toRlePayload(draft), updatedAt: draft.updatedAt } }, { headers });
  const rework = draft ? null : await getReworkBase(getDb(), { actor, taskId });
  if (rework?.encoding === 'rle') return NextResponse.json({ draft: { revision: 0, mask: toRlePayload(rework), rework: true } }, { headers });
  return NextResponse.json({ draft: null }, { headers });
}

const putSchema = z.object({ revision: z.number().int().min(1).max(2 ** 31 - 1), mask: rleSchema });

/** Autosave: 200 { revision }; 409 when a newer revision is already stored; 400 on a bad mask. */
export async function PUT(req: Request, { params }: Params) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, putSchema, MAX_MASK_BODY_BYTES);
  if (body.error) return body.error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return notFound();
  try {
    const mask = toEncodedMask(body.data.mask);
    return NextResponse.json(await saveDraft(getDb(), { actor: actorOf(user), taskId, revision: body.data.revision, mask }));
  } catch (err) {
    return domainErrorResponse(err);
  }
}
