import { NextResponse } from 'next/server';
import { StorageError } from '@lae-studio/datasets';
import { getDb, getSampleForActor } from '@lae-studio/db';
import { domainErrorResponse } from '@/server/http';
import { requireApiUser } from '@/server/session';
import { actorOf, ID_PATTERN } from '../../../tasks/_lib/actor';
import { imageStorage, sniffImageType } from '../../_lib/storage';

export const dynamic = 'force-dynamic';

/** The sample's original image bytes, for users who may work on its project. Content-addressed: cacheable for the session. */
export async function GET(req: Request, { params }: { params: Promise<{ sampleId: string }> }) {
  const { user, error } = await requireApiUser('annotator');
  if (error) return error;
  const { sampleId } = await params;
  if (!ID_PATTERN.test(sampleId)) return NextResponse.json({ error: 'not_found', message: 'No such sample.' }, { status: 404 });
  try {
    const sample = await getSampleForActor(getDb(), { actor: actorOf(user), sampleId });
    const etag = `"${sample.storageKey}"`;
    const cacheControl = 'private, max-age=86400, immutable';
    if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag, 'cache-control': cacheControl } });
    const bytes = await imageStorage().get(sample.storageKey);
    return new Response(new Uint8Array(bytes), {
      headers: { 'content-type': sniffImageType(bytes), 'content-length': String(bytes.byteLength), etag, 'cache-control': cacheControl },
    });
  } catch (err) {
    if (err instanceof StorageError && err.code === 'not-found') return NextResponse.json({ error: 'not_found', message: 'The image is missing from storage.' }, { status: 404 });
    return domainErrorResponse(err);
  }
}
