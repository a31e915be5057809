'use client';

import type Konva from 'konva';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Image as KonvaImage, Layer, Line, Stage } from 'react-konva';
import { unionRect, type Rect } from '../geometry';
import { recordDuration } from '../perf';
import { attentionCanvas, MaskRaster } from '../render/mask-raster';
import { css, PALETTES } from '../render/palette';
import type { EditorStore } from '../store';
import type { PointerSample } from '../tools/tool';
import { screenToImage } from '../viewport';
import { useEditorState } from './use-editor-state';

interface FrameQueue {
  pending: PointerSample[];
  dirty: Rect | null;
  full: boolean;
  scheduled: number;
  request: () => void;
  flushNow: () => void;
}

interface Props {
  store: EditorStore;
  image: HTMLImageElement;
  /** True while the space bar is held: the next drag pans. */
  spaceHeld: boolean;
  /** Review: the reference (ground-truth) mask as its own layer, and whether it shows. */
  reference?: HTMLCanvasElement | null;
  referenceVisible?: boolean;
}

/**
 * Konva renders the store: the photo, the attention overlay and the mask canvas, all under one view
 * transform. Pointer input is read from the container (pointer capture, coalesced events), batched per
 * animation frame into the store, and the mask's dirty rectangle is repainted once per frame.
 */
export default function MaskCanvas({ store, image, spaceHeld, reference = null, referenceVisible = false }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<Konva.Layer>(null);
  const base = useRef<Konva.Layer>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const cursor = useRef<HTMLDivElement>(null);
  const view = useEditorState(store, (s) => s.view);
  const tool = useEditorState(store, (s) => s.tool);
  const gesture = useEditorState(store, (s) => s.gesture);
  const brushSize = useEditorState(store, (s) => s.brushSize);
  const maskVisible = useEditorState(store, (s) => s.maskVisible);
  const maskOpacity = useEditorState(store, (s) => s.maskOpacity);
  const attentionVisible = useEditorState(store, (s) => s.attentionVisible);
  const paletteId = useEditorState(store, (s) => s.palette);
  const lasso = useEditorState(store, (s) => s.lasso);
  const palette = PALETTES[paletteId];
  const raster = useMemo(() => new MaskRaster(store.mask), [store]);
  useEffect(() => {
    raster.setColour(palette.mask);
    overlay.current?.batchDraw();
  }, [raster, palette]);
  // Built once per task and palette (a canvas at image resolution); toggling only changes its visibility.
  const attention = useMemo(() => {
    const map = store.attentionMap();
    return map ? attentionCanvas(map, store.width, store.height, palette) : null;
  }, [store, palette]);

  // Frame loop state lives in a ref: pointer events only queue, one animation frame does the work.
  const frame = useRef<FrameQueue>({ pending: [], dirty: null, full: false, scheduled: 0, request: () => {}, flushNow: () => {} });

  useEffect(() => {
    const el = container.current!;
    let fitted = false;
    const observer = new ResizeObserver(() => {
      const next = { width: el.clientWidth, height: el.clientHeight };
      setSize(next);
      store.setStage(next);
      if (!fitted) store.fit(); // the first layout: show the whole image
      fitted = true;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [store]);

  useEffect(() => {
    const f = frame.current;
    const flush = () => {
      f.scheduled = 0;
      const start = performance.now();
      if (f.pending.length) {
        const samples = f.pending;
        f.pending = [];
        store.pointerMove(samples);
      }
      if (f.full || f.dirty) {
        raster.update(f.full ? null : f.dirty);
        f.full = false;
        f.dirty = null;
        overlay.current?.draw();
        recordDuration('lae-frame', start);
      }
    };
    const request = () => {
      if (!f.scheduled) f.scheduled = requestAnimationFrame(flush);
    };
    const off = store.onPixels((rect) => {
      if (rect) f.dirty = unionRect(f.dirty, rect);
      else f.full = true;
      request();
    });
    f.request = request;
    f.flushNow = () => {
      if (f.scheduled) cancelAnimationFrame(f.scheduled);
      flush();
    };
    // Leaving the page: moves still queued for the next frame reach the store before the session saves
    // (this child's listener is registered before the session's).
    const leaving = () => f.flushNow();
    window.addEventListener('beforeunload', leaving);
    window.addEventListener('pagehide', leaving);
    return () => {
      window.removeEventListener('beforeunload', leaving);
      window.removeEventListener('pagehide', leaving);
      off();
      if (f.scheduled) cancelAnimationFrame(f.scheduled);
      f.scheduled = 0;
    };
  }, [store, raster]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const el = container.current!;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = el.getBoundingClientRect();
      store.zoom(Math.exp(-e.deltaY * 0.0015), { x: e.clientX - box.left, y: e.clientY - box.top });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [store]);

  useEffect(() => {
    base.current?.batchDraw();
    overlay.current?.batchDraw();
  }, [view, maskVisible, maskOpacity, attentionVisible, size, referenceVisible, lasso]);

  const sampleOf = (e: { clientX: number; clientY: number }): PointerSample => {
    const box = container.current!.getBoundingClientRect();
    const screen = { x: e.clientX - box.left, y: e.clientY - box.top };
    return { screen, image: screenToImage(store.getState().view, screen) };
  };
  const f = frame.current;
  // The brush outline follows the pointer by style, not React state: no render per pointer move.
  const moveCursor = (p: { x: number; y: number } | null) => {
    const el = cursor.current;
    if (!el) return;
    const d = store.getState().brushSize * store.getState().view.scale;
    el.style.display = p ? 'block' : 'none';
    if (p) el.style.transform = `translate(${p.x - d / 2}px, ${p.y - d / 2}px)`;
  };

  return (
    <div
      ref={container}
      className={`editor-canvas tool-${gesture === 'panning' || spaceHeld || tool === 'pan' ? 'pan' : tool}`}
      data-testid="editor-canvas"
      data-view-scale={view.scale}
      data-view-x={view.x}
      data-view-y={view.y}
      onPointerDown={(e) => {
        if (e.button !== 0 && e.button !== 1) return;
        e.preventDefault();
        try {
          e.currentTarget.setPointerCapture(e.pointerId);
        } catch {
          // Not an active pointer (a synthetic event): painting works without capture.
        }
        store.pointerDown(sampleOf(e), { pan: e.button === 1 || spaceHeld, subtract: e.altKey });
      }}
      onPointerMove={(e) => {
        const s = sampleOf(e);
        moveCursor(s.screen);
        if (store.getState().gesture === 'idle') return;
        const events = typeof e.nativeEvent.getCoalescedEvents === 'function' ? e.nativeEvent.getCoalescedEvents() : [];
        for (const c of events.length ? events : [e]) f.pending.push(sampleOf(c));
        f.request();
      }}
      onPointerUp={() => {
        f.flushNow();
        store.pointerUp();
      }}
      onPointerCancel={() => store.cancelPointer()}
      onPointerLeave={() => moveCursor(null)}
      onContextMenu={(e) => e.preventDefault()}
      onMouseDown={(e) => {
        if (e.button === 1) e.preventDefault(); // no middle-click autoscroll: the middle button pans
      }}
    >
      {size.width > 0 && (
        <Stage width={size.width} height={size.height} listening={false}>
          <Layer ref={base} listening={false} x={view.x} y={view.y} scaleX={view.scale} scaleY={view.scale} imageSmoothingEnabled={view.scale < 2}>
            <KonvaImage image={image} width={store.width} height={store.height} listening={false} />
          </Layer>
          <Layer ref={overlay} listening={false} x={view.x} y={view.y} scaleX={view.scale} scaleY={view.scale} imageSmoothingEnabled={view.scale < 2}>
            {attention && <KonvaImage image={attention} width={store.width} height={store.height} visible={attentionVisible} opacity={0.6} listening={false} />}
            {reference && <KonvaImage image={reference} width={store.width} height={store.height} visible={referenceVisible} opacity={0.55} listening={false} />}
            <KonvaImage image={raster.canvas} width={store.width} height={store.height} visible={maskVisible} opacity={maskOpacity} listening={false} />
            {lasso && lasso.length > 0 && (
              <Line points={lasso.flatMap((p) => [p.x, p.y])} closed={lasso.length > 2} stroke={css(palette.mask)} strokeWidth={2 / view.scale} dash={[6 / view.scale, 4 / view.scale]} fill={`${css(palette.mask).replace('rgb', 'rgba').replace(')', ', 0.18)')}`} listening={false} />
            )}
          </Layer>
        </Stage>
      )}
      {(tool === 'brush' || tool === 'eraser') && !spaceHeld && <div ref={cursor} className="brush-cursor" style={{ width: brushSize * view.scale, height: brushSize * view.scale, display: 'none' }} />}
    </div>
  );
}
