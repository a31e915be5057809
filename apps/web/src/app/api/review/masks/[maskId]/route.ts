import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb, getMaskForReview, reviewMask } from '@lae-studio/db';
import { clientIp } from '@/server/client-ip';
import { domainErrorResponse, parseJson } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../../tasks/_lib/actor';
import { toRlePayload } from '../../../tasks/_lib/mask-payload';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ maskId: string }> };
const notFound = () => NextResponse.json({ error: 'not_found', message: 'No such mask.' }, { status: 404 });

/** A submitted mask with its RLE, for a reviewer. */
export async function GET(_req: Request, { params }: Params) {
  const { user, error } = await requireApiUser('reviewer');
  if (error) return error;
  const { maskId } = await params;
  if (!ID_PATTERN.test(maskId)) return notFound();
  try {
    const { data, encoding, ...mask } = await getMaskForReview(getDb(), { actor: actorOf(user), maskId });
    return NextResponse.json({ mask: { ...mask, rle: encoding === 'rle' ? toRlePayload({ data, width: mask.width, height: mask.height }) : null } });
  } catch (err) {
    return domainErrorResponse(err);
  }
}

const decisionSchema = z.object({ decision: z.enum(['accept', 'reject']), comment: z.string().trim().max(2000).optional() });

/** Accept or reject (a comment is required to reject). 200 { review, taskStatus }; 409 when already reviewed. */
export async function POST(req: Request, { params }: Params) {
  const { user, error } = await requireApiUser('reviewer');
  if (error) return error;
  const body = await parseJson(req, decisionSchema);
  if (body.error) return body.error;
  const { maskId } = await params;
  if (!ID_PATTERN.test(maskId)) return notFound();
  try {
    return NextResponse.json(await reviewMask(getDb(), { actor: actorOf(user), maskId, ...body.data, ip: clientIp(req.headers) }));
  } catch (err) {
    return domainErrorResponse(err);
  }
}
