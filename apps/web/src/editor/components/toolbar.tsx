'use client';

import type { Command } from '../shortcuts';
import type { EditorStore } from '../store';
import { useEditorState } from './use-editor-state';

interface Props {
  store: EditorStore;
  run: (c: Command) => void;
  busy: boolean;
}

export function Toolbar({ store, run, busy }: Props) {
  const s = useEditorState(store, (x) => x);
  const hasAttention = store.hasAttention;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Editor tools">
      <div className="group">
        <button type="button" aria-pressed={s.tool === 'brush'} title="Brush (B)" onClick={() => run('tool.brush')}>
          Brush
        </button>
        <button type="button" aria-pressed={s.tool === 'eraser'} title="Eraser (E)" onClick={() => run('tool.eraser')}>
          Eraser
        </button>
        <button type="button" aria-pressed={s.tool === 'pan'} title="Pan (H, or hold Space)" onClick={() => run('tool.pan')}>
          Pan
        </button>
      </div>
      <label className="group" title="Brush size ([ and ])">
        Size
        <input type="range" aria-label="Brush size" min={1} max={128} value={s.brushSize} onChange={(e) => store.setBrushSize(Number(e.target.value))} />
        <output data-testid="brush-size">{s.brushSize}</output>
      </label>
      <label className="group" title="Hardness ({ and })">
        Hardness
        <input type="range" aria-label="Hardness" min={0} max={1} step={0.05} value={s.hardness} onChange={(e) => store.setHardness(Number(e.target.value))} />
      </label>
      <div className="group">
        <button type="button" aria-pressed={s.maskVisible} title="Show / hide the mask (M)" onClick={() => run('mask.toggle')}>
          Mask
        </button>
        <input type="range" aria-label="Mask opacity" title="Mask opacity (, and .)" min={0.05} max={1} step={0.05} value={s.maskOpacity} onChange={(e) => store.setMaskOpacity(Number(e.target.value))} />
      </div>
      <div className="group">
        <button type="button" aria-pressed={s.attentionVisible} disabled={!hasAttention} title={hasAttention ? "Model's attention (A)" : 'No attention map for this sample'} onClick={() => run('attention.toggle')}>
          Attention
        </button>
        <input
          type="range"
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
        <span data-testid="zoom">{Math.round(s.view.scale * 100)}%</span>
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
        <button type="button" className="secondary" disabled={busy} title="Skip with a reason (S)" onClick={() => run('task.skip')}>
          Skip
        </button>
        <button type="button" className="secondary" disabled={busy} title='"No visible forgery" (N)' onClick={() => run('task.noForgery')}>
          No visible forgery
        </button>
        <button type="button" className="primary" disabled={busy} title="Submit (Ctrl Enter)" onClick={() => run('task.submit')}>
          Submit
        </button>
      </div>
    </div>
  );
}
