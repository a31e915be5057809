import { NextResponse } from 'next/server';
import { correctMask, getDb, getMaskForReview, listReviewQueueIds, reviewMask } from '@lae-studio/db';
import { maskForReviewResponse, reviewRequest, reviewResponse } from '@/contracts/review';
import { clientIp } from '@/server/client-ip';
import { domainErrorResponse, parseJson, respond } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../../tasks/_lib/actor';
import { MAX_MASK_BODY_BYTES, toEncodedMask, toRlePayload } from '../../../tasks/_lib/mask-payload';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ maskId: string }> };
const notFound = () => NextResponse.json({ error: 'not_found', message: 'No such mask.' }, { status: 404 });
const rleOf = (m: { encoding: string; data: Uint8Array; width: number; height: number }) => (m.encoding === 'rle' ? toRlePayload(m) : null);

/** A submitted mask with its RLE, the sample's reference mask, and its neighbours in the caller's queue. */
export async function GET(_req: Request, { params }: Params) {
  const { user, error } = await requireApiUser('reviewer');
  if (error) return error;
  const { maskId } = await params;
  if (!ID_PATTERN.test(maskId)) return notFound();
  try {
    const actor = actorOf(user);
    const queue = await listReviewQueueIds(getDb(), { actor });
    const m = await getMaskForReview(getDb(), { actor, maskId, queue });
    return respond(maskForReviewResponse, { mask: { ...m, rle: rleOf(m), referenceRle: m.reference ? rleOf(m.reference) : null } });
  } catch (err) {
    return domainErrorResponse(err);
  }
}

/**
 * Accept, reject (a comment is required) or correct (the reviewer's mask becomes a new version authored by
 * the reviewer; the original is kept, marked corrected). 200 { review, taskStatus }; 409 when already reviewed.
 */
export async function POST(req: Request, { params }: Params) {
  const { user, error } = await requireApiUser('reviewer');
  if (error) return error;
  const body = await parseJson(req, reviewRequest, MAX_MASK_BODY_BYTES);
  if (body.error) return body.error;
  const { maskId } = await params;
  if (!ID_PATTERN.test(maskId)) return notFound();
  try {
    const actor = actorOf(user);
    const ip = clientIp(req.headers);
    const decision = body.data;
    if (decision.decision === 'correct') {
      const { mask } = await correctMask(getDb(), { actor, maskId, clientId: decision.clientId, comment: decision.comment, mask: toEncodedMask(decision.mask), ip });
      return respond(reviewResponse, { review: 'corrected', taskStatus: 'accepted', correctionId: mask.id });
    }
    return respond(reviewResponse, await reviewMask(getDb(), { actor, maskId, decision: decision.decision, comment: decision.comment, ip }));
  } catch (err) {
    return domainErrorResponse(err);
  }
}
