'use client';

import { decodeRle } from '@lae-studio/mask-codec';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { maskForReviewResponse, reviewResponse, type MaskForReview, type ReviewRequest } from '@/contracts/review';
import { callJson } from '@/editor/sync/api';

// Konva needs the DOM: the viewer (with react-konva) is loaded on the client only.
const ReviewViewer = dynamic(() => import('./review-viewer').then((m) => m.ReviewViewer), { ssr: false });

export interface LoadedReview {
  mask: MaskForReview;
  image: HTMLImageElement;
  attention: { values: Float32Array; size: number } | null;
}

async function loadReview(maskId: string): Promise<LoadedReview | string> {
  const answer = await callJson(fetch, `/api/review/masks/${maskId}`, 'GET', undefined, maskForReviewResponse).catch((err: Error) => ({ status: 0, body: { message: err.message } }));
  if (answer.status !== 200 || !('mask' in answer.body)) return answer.body.message ?? `Error ${answer.status}`;
  const { mask } = answer.body;
  const image = new Image();
  image.src = `/api/samples/${mask.sampleId}/image`;
  const [decoded, attention] = await Promise.all([
    image.decode().then(() => true, () => false),
    mask.attentionScoreId ? loadAttention(mask.sampleId, mask.attentionScoreId) : Promise.resolve(null),
  ]);
  return decoded ? { mask, image, attention } : 'The image could not be loaded.';
}

async function loadAttention(sampleId: string, scoreId: string): Promise<LoadedReview['attention']> {
  const res = await fetch(`/api/samples/${sampleId}/attention?scoreId=${encodeURIComponent(scoreId)}`).catch(() => null);
  if (!res?.ok) return null;
  const size = Number(res.headers.get('x-attention-size'));
  const bytes = await res.arrayBuffer();
  return size > 0 && bytes.byteLength === size * size * 4 ? { values: new Float32Array(bytes), size } : null;
}

/** Loads one mask for review, then hands it to the viewer; decisions go through the review contract. */
export function ReviewPanel({ maskId }: { maskId: string }) {
  const router = useRouter();
  const [loaded, setLoaded] = useState<LoadedReview | string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    void loadReview(maskId).then((r) => live && setLoaded(r));
    return () => {
      live = false;
    };
  }, [maskId]);

  if (loaded === null) return <p className="muted">Loading…</p>;
  if (typeof loaded === 'string') return <p className="error">{loaded}</p>;
  const { mask } = loaded;

  async function decide(decision: ReviewRequest) {
    setBusy(true);
    setError(null);
    const answer = await callJson(fetch, `/api/review/masks/${maskId}`, 'POST', decision, reviewResponse).catch((err: Error) => ({ status: 0, body: { message: err.message } }));
    if (answer.status === 200) {
      router.push(mask.nextId && mask.nextId !== maskId ? `/review/${mask.nextId}` : '/review');
      router.refresh();
      return;
    }
    setError(answer.body.message ?? `Error ${answer.status}`);
    setBusy(false);
  }

  return (
    <div className="review" data-testid="review-panel" data-review={mask.review}>
      <div className="review-head">
        <h1>
          {mask.sampleName} <span className="muted">· submission {mask.submission} by {mask.authorEmail ?? 'unknown'}</span>
        </h1>
        <nav className="row" aria-label="Queue">
          {mask.previousId ? <Link href={`/review/${mask.previousId}`} title="Previous (K or ←)">← Previous</Link> : <span className="muted">← Previous</span>}
          <Link href="/review">Queue</Link>
          {mask.nextId ? <Link href={`/review/${mask.nextId}`} title="Next (J or →)" data-testid="review-next">Next →</Link> : <span className="muted">Next →</span>}
        </nav>
      </div>
      <p className="muted">
        {mask.projectName} · {mask.width}×{mask.height} · {mask.noForgery ? 'declared "no visible forgery"' : `${mask.area} forged pixels`} · {mask.review}
        {mask.reviewNote ? ` — ${mask.reviewNote}` : ''}
      </p>
      <ReviewViewer key={mask.id} loaded={loaded} busy={busy} onDecide={(d) => void decide(d)} onNavigate={(id) => router.push(`/review/${id}`)} reference={mask.referenceRle ? decodeRle(mask.referenceRle).data : null} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
