import { NextResponse } from 'next/server';
import { getDb, submitMask } from '@lae-studio/db';
import { submitRequest, submitResponse } from '@/contracts/tasks';
import { domainErrorResponse, parseJson, respond } from '@/server/http';
import { afterTaskAnswered } from '@/server/jobs';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../_lib/actor';
import { MAX_MASK_BODY_BYTES, toEncodedMask } from '../../_lib/mask-payload';

export const dynamic = 'force-dynamic';

/**
 * Submit the mask: 201 { mask } when stored, 200 for a repeat of the same clientId, 409 on a stale lease or
 * a withdrawn task, 400 on a bad mask. An empty mask is stored as "no visible forgery".
 */
export async function POST(req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, submitRequest, MAX_MASK_BODY_BYTES);
  if (body.error) return body.error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return NextResponse.json({ error: 'not_found', message: 'No such task.' }, { status: 404 });
  try {
    const { leaseToken, clientId, noForgery } = body.data;
    const { mask, created, submission } = await submitMask(getDb(), { actor: actorOf(user), taskId, leaseToken, clientId, noForgery, mask: toEncodedMask(body.data.mask) });
    if (created) await afterTaskAnswered(taskId);
    const view = { id: mask.id, sampleId: mask.sampleId, submission, area: mask.area, noForgery: mask.noForgery, bytes: mask.data.byteLength };
    return respond(submitResponse, { mask: view }, { status: created ? 201 : 200 });
  } catch (err) {
    return domainErrorResponse(err);
  }
}
