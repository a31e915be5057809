'use client';

import { decodeRle, type CompressedRle } from '@lae-studio/masks';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

interface MaskDto {
  id: string;
  sampleId: string;
  version: number;
  width: number;
  height: number;
  area: number;
  noForgery: boolean;
  review: 'pending' | 'accepted' | 'rejected';
  reviewNote: string | null;
  authorEmail: string | null;
  rle: CompressedRle | null;
}

/** The submitted mask over its image, with accept / reject (a comment is required to reject). */
export function ReviewPanel({ maskId }: { maskId: string }) {
  const router = useRouter();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [mask, setMask] = useState<MaskDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [opacity, setOpacity] = useState(0.5);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch(`/api/review/masks/${maskId}`, { cache: 'no-store' })
      .then(async (res) => {
        const body = (await res.json()) as { mask?: MaskDto; message?: string };
        if (body.mask) setMask(body.mask);
        else setError(body.message ?? `Error ${res.status}`);
      })
      .catch((err: Error) => setError(err.message));
  }, [maskId]);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !mask?.rle) return;
    const decoded = decodeRle(mask.rle);
    const ctx = el.getContext('2d')!;
    const image = ctx.createImageData(decoded.width, decoded.height);
    for (let i = 0; i < decoded.data.length; i++) {
      if (!decoded.data[i]) continue;
      image.data.set([255, 32, 96, 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [mask]);

  async function decide(decision: 'accept' | 'reject') {
    setBusy(true);
    const res = await fetch(`/api/review/masks/${maskId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(decision === 'reject' ? { decision, comment } : { decision, ...(comment.trim() ? { comment } : {}) }),
    }).catch(() => null);
    if (res?.ok) {
      router.push('/review');
      router.refresh();
      return;
    }
    setError(res ? (((await res.json()) as { message?: string }).message ?? `Error ${res.status}`) : 'Could not reach the server.');
    setBusy(false);
  }

  if (error && !mask) return <p className="error">{error}</p>;
  if (!mask) return <p className="muted">Loading…</p>;
  return (
    <div className="review" data-testid="review-panel" data-review={mask.review}>
      <h1>
        Mask v{mask.version} <span className="muted">by {mask.authorEmail ?? 'unknown'}</span>
      </h1>
      <p className="muted">
        {mask.width}×{mask.height} · {mask.noForgery ? 'declared "no visible forgery"' : `${mask.area} forged pixels`} · {mask.review}
      </p>
      <div className="review-stage" style={{ aspectRatio: `${mask.width} / ${mask.height}` }}>
        {/* The original at native resolution, from our own API (no next/image optimisation). */}
        <img src={`/api/samples/${mask.sampleId}/image`} alt="Sample under review" width={mask.width} height={mask.height} />
        <canvas ref={canvas} width={mask.width} height={mask.height} style={{ opacity }} data-testid="review-mask" />
      </div>
      <label>
        Mask opacity
        <input type="range" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} />
      </label>
      {mask.review === 'pending' ? (
        <>
          <label>
            Comment (required to reject)
            <textarea aria-label="Comment" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} rows={3} />
          </label>
          <div className="row">
            <button type="button" disabled={busy} onClick={() => void decide('accept')}>
              Accept
            </button>
            <button type="button" className="secondary" disabled={busy || !comment.trim()} onClick={() => void decide('reject')}>
              Reject
            </button>
            <Link href="/review">Back to the queue</Link>
          </div>
        </>
      ) : (
        <p>
          Already {mask.review}
          {mask.reviewNote ? `: ${mask.reviewNote}` : ''}. <Link href="/review">Back to the queue</Link>
        </p>
      )}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
