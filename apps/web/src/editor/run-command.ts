import { nextPalette } from './render/palette';
import type { Command } from './shortcuts';
import type { EditorStore } from './store';

/** Task-level commands are the page's business (they talk to the server); everything else is the store's. */
export type TaskCommand = Extract<Command, 'task.noForgery' | 'task.skip' | 'task.submit'>;

export function runCommand(store: EditorStore, command: Command, onTask: (c: TaskCommand) => void): void {
  const s = store.getState();
  switch (command) {
    case 'tool.brush':
      return store.setTool('brush');
    case 'tool.eraser':
      return store.setTool('eraser');
    case 'tool.pan':
      return store.setTool('pan');
    case 'tool.lasso':
      return store.setTool('lasso');
    case 'tool.fill':
      return store.setTool('fill');
    case 'lasso.close':
      return store.closeLasso();
    case 'tolerance.up':
      return store.setFillTolerance(s.fillTolerance + 4);
    case 'tolerance.down':
      return store.setFillTolerance(s.fillTolerance - 4);
    case 'mask.grow':
      return store.growMask(1);
    case 'mask.shrink':
      return store.growMask(-1);
    case 'palette.toggle':
      return store.setPalette(nextPalette(s.palette));
    case 'brush.bigger':
      return store.stepBrushSize(1);
    case 'brush.smaller':
      return store.stepBrushSize(-1);
    case 'hardness.up':
      return store.setHardness(s.hardness + 0.1);
    case 'hardness.down':
      return store.setHardness(s.hardness - 0.1);
    case 'zoom.in':
      return store.zoom(1.25);
    case 'zoom.out':
      return store.zoom(1 / 1.25);
    case 'zoom.fit':
      return store.fit();
    case 'zoom.actual':
      return store.actualSize();
    case 'mask.toggle':
      return store.toggleMask();
    case 'opacity.up':
      return store.setMaskOpacity(s.maskOpacity + 0.1);
    case 'opacity.down':
      return store.setMaskOpacity(s.maskOpacity - 0.1);
    case 'attention.toggle':
      return store.toggleAttention();
    case 'attention.prefill':
      return store.prefillFromAttention();
    case 'threshold.up':
      return store.setAttentionThreshold(s.attentionThreshold + 0.05);
    case 'threshold.down':
      return store.setAttentionThreshold(s.attentionThreshold - 0.05);
    case 'history.undo':
      return store.undo();
    case 'history.redo':
      return store.redo();
    case 'help.toggle':
      return store.toggleCheatSheet();
    case 'cancel':
      store.cancelPointer();
      return store.toggleCheatSheet(false);
    case 'task.noForgery':
    case 'task.skip':
    case 'task.submit':
      return onTask(command);
  }
}
