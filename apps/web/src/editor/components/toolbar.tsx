'use client';

import { PALETTES } from '../render/palette';
import type { Command } from '../shortcuts';
import type { EditorStore } from '../store';
import type { ToolId } from '../tools/tool';
import { useEditorFields } from './use-editor-state';

interface Props {
  store: EditorStore;
  run: (c: Command) => void;
}

const TOOLS: { id: ToolId; label: string; key: string; command: Command }[] = [
  { id: 'brush', label: 'Brush', key: 'B', command: 'tool.brush' },
  { id: 'eraser', label: 'Eraser', key: 'E', command: 'tool.eraser' },
  { id: 'lasso', label: 'Lasso', key: 'L', command: 'tool.lasso' },
  { id: 'fill', label: 'Fill', key: 'F', command: 'tool.fill' },
  { id: 'pan', label: 'Pan', key: 'H', command: 'tool.pan' },
];

/**
 * One row at 1440 px and up: each tool's own settings show only while it is the tool in hand; the task's
 * actions (skip, no forgery, submit) sit in the editor's header (`TaskActions`), review has its own.
 */
export function Toolbar({ store, run }: Props) {
  // Only what the toolbar shows: painting, panning and grow / shrink do not re-render it.
  const s = useEditorFields(store, (x, st) => ({
    tool: x.tool,
    brushSize: x.brushSize,
    hardness: x.hardness,
    fillTolerance: x.fillTolerance,
    growBy: x.growBy,
    maskVisible: x.maskVisible,
    maskOpacity: x.maskOpacity,
    attentionVisible: x.attentionVisible,
    attentionThreshold: x.attentionThreshold,
    palette: x.palette,
    canUndo: x.canUndo,
    canRedo: x.canRedo,
    zoom: Math.round(x.view.scale * 100),
    hasAttention: st.hasAttention,
  }));
  const hasAttention = s.hasAttention;
  const painting = s.tool === 'brush' || s.tool === 'eraser';
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Editor tools">
      <div className="group" role="group" aria-label="Tools">
        {TOOLS.map((t) => (
          <button key={t.id} type="button" aria-pressed={s.tool === t.id} title={`${t.label} (${t.key})`} onClick={() => run(t.command)}>
            {t.label}
          </button>
        ))}
      </div>
      {painting && (
        <>
          <label className="group" title="Brush size ([ and ])">
            Size
            <input type="range" aria-label="Brush size" min={1} max={128} value={s.brushSize} onChange={(e) => store.setBrushSize(Number(e.target.value))} />
            <output data-testid="brush-size">{s.brushSize}</output>
          </label>
          <label className="group" title="Hardness ({ and })">
            Hard
            <input type="range" className="short" aria-label="Hardness" min={0} max={1} step={0.05} value={s.hardness} onChange={(e) => store.setHardness(Number(e.target.value))} />
          </label>
        </>
      )}
      {s.tool === 'fill' && (
        <label className="group" title="Fill tolerance (' and ;)">
          Tolerance
          <input type="range" aria-label="Fill tolerance" min={0} max={255} value={s.fillTolerance} onChange={(e) => store.setFillTolerance(Number(e.target.value))} />
          <output data-testid="fill-tolerance">{s.fillTolerance}</output>
        </label>
      )}
      <div className="group" role="group" aria-label="Grow or shrink">
        <button type="button" title={`Grow the mask by ${s.growBy} px (G)`} onClick={() => run('mask.grow')}>
          Grow
        </button>
        <button type="button" title={`Shrink the mask by ${s.growBy} px (Shift G)`} onClick={() => run('mask.shrink')}>
          Shrink
        </button>
        <input type="number" className="tiny" aria-label="Grow or shrink by (px)" min={1} max={64} value={s.growBy} onChange={(e) => store.setGrowBy(Number(e.target.value))} />
        px
      </div>
      <div className="group">
        <button type="button" aria-pressed={s.maskVisible} title="Show / hide the mask (M); opacity , and ." onClick={() => run('mask.toggle')}>
          Mask
        </button>
        <input type="range" className="short" aria-label="Mask opacity" title="Mask opacity (, and .)" min={0.05} max={1} step={0.05} value={s.maskOpacity} onChange={(e) => store.setMaskOpacity(Number(e.target.value))} />
        <button type="button" aria-pressed={s.attentionVisible} disabled={!hasAttention} title={hasAttention ? "Model's attention (A)" : 'No attention map for this sample'} onClick={() => run('attention.toggle')}>
          Attention
        </button>
        <input
          type="range"
          className="short"
          aria-label="Attention threshold"
          title="Threshold for the prefill (< and >)"
          disabled={!hasAttention}
          min={0}
          max={1}
          step={0.05}
          value={s.attentionThreshold}
          onChange={(e) => store.setAttentionThreshold(Number(e.target.value))}
        />
        <button type="button" disabled={!hasAttention} title="Start from the model's attention at this threshold (P)" onClick={() => run('attention.prefill')}>
          Prefill {Math.round(s.attentionThreshold * 100)}%
        </button>
        <button type="button" data-testid="palette" title={`Colours: ${PALETTES[s.palette].label} (C)`} aria-label="Colour palette" onClick={() => run('palette.toggle')}>
          {s.palette === 'colourblind' ? 'CB' : 'Std'}
        </button>
      </div>
      <div className="group">
        <button type="button" disabled={!s.canUndo} title="Undo (Ctrl Z)" onClick={() => run('history.undo')}>
          Undo
        </button>
        <button type="button" disabled={!s.canRedo} title="Redo (Ctrl Shift Z)" onClick={() => run('history.redo')}>
          Redo
        </button>
      </div>
      <div className="group">
        <button type="button" title="Zoom out (−)" aria-label="Zoom out" onClick={() => run('zoom.out')}>
          −
        </button>
        <span data-testid="zoom">{s.zoom}%</span>
        <button type="button" title="Zoom in (+)" aria-label="Zoom in" onClick={() => run('zoom.in')}>
          +
        </button>
        <button type="button" title="Fit to screen (0)" onClick={() => run('zoom.fit')}>
          Fit
        </button>
        <button type="button" title="Native resolution (1)" onClick={() => run('zoom.actual')}>
          1:1
        </button>
      </div>
      <div className="group end">
        <button type="button" className="secondary" title="Keyboard shortcuts (?)" onClick={() => run('help.toggle')}>
          ?
        </button>
      </div>
    </div>
  );
}

/** The annotator's task actions, at the end of the editor's header. */
export function TaskActions({ run, busy }: { run: (c: Command) => void; busy: boolean }) {
  return (
    <div className="task-actions" role="group" aria-label="Task">
      <button type="button" className="secondary" disabled={busy} title="Skip with a reason (S)" onClick={() => run('task.skip')}>
        Skip
      </button>
      <button type="button" className="secondary" disabled={busy} title='"No visible forgery" (N)' onClick={() => run('task.noForgery')}>
        No forgery
      </button>
      <button type="button" className="primary" disabled={busy} title="Submit (Ctrl Enter)" onClick={() => run('task.submit')}>
        Submit
      </button>
    </div>
  );
}
