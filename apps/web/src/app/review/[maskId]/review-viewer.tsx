'use client';

import { decodeRle } from '@lae-studio/mask-codec';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReviewRequest } from '@/contracts/review';
import { upsampleAttention } from '@/editor/attention';
import { CheatSheet } from '@/editor/components/cheat-sheet';
import MaskCanvas from '@/editor/components/mask-canvas';
import { Toolbar } from '@/editor/components/toolbar';
import { useEditorState } from '@/editor/components/use-editor-state';
import { maskToRle } from '@/editor/mask-codec';
import { binaryCanvas } from '@/editor/render/mask-raster';
import { PALETTES } from '@/editor/render/palette';
import { runCommand } from '@/editor/run-command';
import { commandForKey } from '@/editor/shortcuts';
import { createEditorStore } from '@/editor/store';
import type { LoadedReview } from './review-panel';
import { REVIEW_SHORTCUTS, reviewCommandForKey, type ReviewCommand } from './review-keys';

interface Props {
  loaded: LoadedReview;
  reference: Uint8Array | null;
  busy: boolean;
  onDecide(d: ReviewRequest): void;
  onNavigate(maskId: string): void;
}

/**
 * The mask over its image in the editor's canvas (zoom, pan), with the model's attention and the reference
 * mask as toggles, accept / reject by key, and correction with the editor's tools: the reviewer's result
 * is sent as a new version, the annotator's mask stays as it was.
 */
export function ReviewViewer({ loaded, reference, busy, onDecide, onNavigate }: Props) {
  const { mask, image, attention } = loaded;
  const [store] = useState(() => {
    const s = createEditorStore(mask.width, mask.height, { tool: 'pan' });
    if (mask.rle) s.loadBinary(decodeRle(mask.rle).data);
    if (attention) s.setAttention(upsampleAttention(attention.values, attention.size, mask.width, mask.height));
    return s;
  });
  const referenceCanvas = useMemo(() => (reference ? binaryCanvas(reference, mask.width, mask.height, PALETTES.standard.reference) : null), [reference, mask.width, mask.height]);
  const [referenceVisible, setReferenceVisible] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [comment, setComment] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [help, setHelp] = useState(false);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [clientId] = useState(() => crypto.randomUUID());
  const commentBox = useRef<HTMLTextAreaElement>(null);
  const s = useEditorState(store, (x) => x);
  const pending = mask.review === 'pending';

  const act = (c: ReviewCommand) => {
    if (c === 'help') return setHelp((h) => !h);
    if (c === 'next' || c === 'previous') {
      const id = c === 'next' ? mask.nextId : mask.previousId;
      if (id) onNavigate(id);
      return;
    }
    if (c === 'mask') return store.toggleMask();
    if (c === 'attention') return store.toggleAttention();
    if (c === 'reference') return setReferenceVisible((v) => !v && !!referenceCanvas);
    if (!pending || busy) return;
    if (c === 'accept') return onDecide({ decision: 'accept', ...(comment.trim() ? { comment } : {}) });
    if (c === 'reject') {
      setRejecting(true);
      requestAnimationFrame(() => commentBox.current?.focus());
      return;
    }
    if (c === 'correct') {
      setCorrecting(true);
      store.setTool('brush');
      return;
    }
    if (c === 'save' && correcting) onDecide({ decision: 'correct', clientId, mask: maskToRle(store.mask), ...(comment.trim() ? { comment } : {}) });
  };

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const typing = el?.tagName === 'TEXTAREA' || (el?.tagName === 'INPUT' && (el as HTMLInputElement).type === 'text');
      if (typing) {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && rejecting && comment.trim()) onDecide({ decision: 'reject', comment });
        if (e.key === 'Escape') (el as HTMLElement).blur();
        return;
      }
      if (e.key === ' ') {
        e.preventDefault();
        setSpaceHeld(true);
        return;
      }
      const review = reviewCommandForKey(e, correcting);
      if (review) {
        e.preventDefault();
        return act(review);
      }
      const command = commandForKey(e); // zoom and view keys always; the tools while correcting
      if (!command || command.startsWith('task.') || (!correcting && !command.startsWith('zoom.') && command !== 'cancel')) return;
      e.preventDefault();
      runCommand(store, command, () => undefined);
    };
    const up = (e: KeyboardEvent) => e.key === ' ' && setSpaceHeld(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  });

  return (
    <div className="review-viewer">
      {correcting ? (
        <Toolbar store={store} run={(c) => runCommand(store, c, () => undefined)} />
      ) : (
        <div className="editor-toolbar" role="toolbar" aria-label="Review view">
          <div className="group">
            <button type="button" aria-pressed={s.maskVisible} title="Annotator's mask (M)" onClick={() => act('mask')}>
              Mask
            </button>
            <button type="button" aria-pressed={s.attentionVisible} disabled={!store.hasAttention} title="Model's attention (T)" onClick={() => act('attention')}>
              Attention
            </button>
            <button type="button" aria-pressed={referenceVisible} disabled={!referenceCanvas} title={referenceCanvas ? 'Reference mask (V)' : 'No reference mask for this sample'} onClick={() => act('reference')}>
              Reference
            </button>
          </div>
          <div className="group">
            <button type="button" title="Zoom out (−)" aria-label="Zoom out" onClick={() => store.zoom(1 / 1.25)}>
              −
            </button>
            <span data-testid="zoom">{Math.round(s.view.scale * 100)}%</span>
            <button type="button" title="Zoom in (+)" aria-label="Zoom in" onClick={() => store.zoom(1.25)}>
              +
            </button>
            <button type="button" title="Fit (0)" onClick={() => store.fit()}>
              Fit
            </button>
          </div>
          <div className="group end">
            <button type="button" className="secondary" title="Shortcuts (?)" onClick={() => act('help')}>
              ?
            </button>
          </div>
        </div>
      )}
      <div className="review-canvas">
        <MaskCanvas store={store} image={image} spaceHeld={spaceHeld} reference={referenceCanvas} referenceVisible={referenceVisible} />
      </div>
      {pending ? (
        <div className="review-actions">
          {(rejecting || correcting) && (
            <label>
              {rejecting ? 'Why is it rejected? (the annotator sees this)' : 'Comment (optional)'}
              <textarea ref={commentBox} aria-label="Comment" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} rows={2} />
            </label>
          )}
          <div className="row">
            {correcting ? (
              <>
                <button type="button" disabled={busy} title="Ctrl Enter" onClick={() => act('save')}>
                  Save correction
                </button>
                <button type="button" className="secondary" onClick={() => (setCorrecting(false), store.setTool('pan'))}>
                  Stop correcting
                </button>
              </>
            ) : (
              <>
                <button type="button" disabled={busy} title="Accept (A)" onClick={() => act('accept')}>
                  Accept
                </button>
                {rejecting ? (
                  <button type="button" className="danger" disabled={busy || !comment.trim()} title="Ctrl Enter" onClick={() => onDecide({ decision: 'reject', comment })}>
                    Send rejection
                  </button>
                ) : (
                  <button type="button" className="secondary" disabled={busy} title="Reject (R)" onClick={() => act('reject')}>
                    Reject
                  </button>
                )}
                <button type="button" className="secondary" disabled={busy} title="Correct the mask yourself (E)" onClick={() => act('correct')}>
                  Correct
                </button>
              </>
            )}
          </div>
        </div>
      ) : (
        <p>Already {mask.review}.</p>
      )}
      {help && <CheatSheet onClose={() => setHelp(false)} shortcuts={REVIEW_SHORTCUTS} />}
    </div>
  );
}
