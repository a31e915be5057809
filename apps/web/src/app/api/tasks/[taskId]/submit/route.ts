import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb, submitMask } from '@lae-studio/db';
import { domainErrorResponse, parseJson } from '@/server/http';
import { afterTaskAnswered } from '@/server/jobs';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../_lib/actor';
import { MAX_MASK_BODY_BYTES, rleSchema, toEncodedMask } from '../../_lib/mask-payload';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  leaseToken: z.string().min(1).max(128),
  clientId: z.uuid(),
  noForgery: z.boolean().default(false),
  mask: rleSchema,
});

/** Submit the mask: 201 { mask } when stored, 200 for a repeat of the same clientId, 409 on a stale lease, 400 on a bad mask. */
export async function POST(req: Request, { params }: { params: Promise<{ taskId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const body = await parseJson(req, bodySchema, MAX_MASK_BODY_BYTES);
  if (body.error) return body.error;
  const { taskId } = await params;
  if (!ID_PATTERN.test(taskId)) return NextResponse.json({ error: 'not_found', message: 'No such task.' }, { status: 404 });
  try {
    const { leaseToken, clientId, noForgery } = body.data;
    const { mask, created } = await submitMask(getDb(), { actor: actorOf(user), taskId, leaseToken, clientId, noForgery, mask: toEncodedMask(body.data.mask) });
    if (created) await afterTaskAnswered(taskId);
    const view = { id: mask.id, sampleId: mask.sampleId, version: mask.version, area: mask.area, noForgery: mask.noForgery, bytes: mask.data.byteLength };
    return NextResponse.json({ mask: view }, { status: created ? 201 : 200 });
  } catch (err) {
    return domainErrorResponse(err);
  }
}
