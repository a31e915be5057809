import { NextResponse } from 'next/server';
import { getAttentionForActor, getDb } from '@lae-studio/db';
import { domainErrorResponse } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../../tasks/_lib/actor';

export const dynamic = 'force-dynamic';

/**
 * The model's attention map as raw little-endian float32 (row-major, size × size; `x-attention-size` says
 * the size), from ?scoreId= or the newest score that has one. 404 when the sample has none.
 */
export async function GET(req: Request, { params }: { params: Promise<{ sampleId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const { sampleId } = await params;
  const scoreId = new URL(req.url).searchParams.get('scoreId') ?? undefined;
  if (!ID_PATTERN.test(sampleId) || (scoreId !== undefined && !ID_PATTERN.test(scoreId))) {
    return NextResponse.json({ error: 'not_found', message: 'No such sample.' }, { status: 404 });
  }
  try {
    const attention = await getAttentionForActor(getDb(), { actor: actorOf(user), sampleId, scoreId });
    if (!attention || attention.values.byteLength !== attention.size * attention.size * 4) {
      return NextResponse.json({ error: 'not_found', message: 'No attention map for this sample.' }, { status: 404 });
    }
    return new Response(new Uint8Array(attention.values), {
      headers: {
        'content-type': 'application/octet-stream',
        'x-attention-size': String(attention.size),
        'x-score-id': attention.scoreId,
        'cache-control': 'private, max-age=3600',
      },
    });
  } catch (err) {
    return domainErrorResponse(err);
  }
}
