import { thresholdAttention } from './attention';
import type { Point, Rect } from './geometry';
import { Gesture } from './gesture';
import { applyPatch, diffPatch, History, type Patch } from './history';
import { BINARY_THRESHOLD, MaskBuffer, type PaintMode } from './mask-buffer';
import { growShrinkWindow, MorphologyScratch } from './ops/morphology';
import type { PaletteId } from './render/palette';
import { FillTool } from './tools/fill-tool';
import { LassoTool } from './tools/lasso-tool';
import { PaintTool } from './tools/paint-tool';
import { PanTool } from './tools/pan-tool';
import type { PointerOptions, PointerSample, Tool, ToolId } from './tools/tool';
import { actualSizeView, fitView, zoomAt, type View } from './viewport';

// The editor's state, independent of React and of the canvas: components subscribe (useSyncExternalStore)
// and Konva layers only render it. Mask pixels live in a MaskBuffer; pixel changes are announced with the
// rectangle they touched so the renderer redraws only that.

export interface EditorState {
  tool: ToolId;
  /** What the pointer is doing right now (a temporary pan does not change `tool`). */
  gesture: 'idle' | 'painting' | 'panning';
  brushSize: number;
  hardness: number;
  maskOpacity: number;
  maskVisible: boolean;
  attentionVisible: boolean;
  attentionThreshold: number;
  view: View;
  stage: { width: number; height: number };
  canUndo: boolean;
  canRedo: boolean;
  /** Increments on every committed change of the mask (a stroke, an undo, a prefill): what autosave follows. */
  changeCount: number;
  cheatSheetOpen: boolean;
  /** Flood fill: largest channel difference from the clicked pixel that still fills (0–255). */
  fillTolerance: number;
  /** Grow / shrink the mask by this many pixels. */
  growBy: number;
  palette: PaletteId;
  /** The lasso or polygon outline being drawn (image pixels), for the preview. */
  lasso: Point[] | null;
}

export const BRUSH_MIN = 1;
export const BRUSH_MAX = 256;

type Listener = () => void;
type PixelListener = (rect: Rect | null) => void;

export class EditorStore {
  readonly mask: MaskBuffer;
  readonly history = new History();
  private state: EditorState;
  private readonly listeners = new Set<Listener>();
  private readonly pixelListeners = new Set<PixelListener>();
  private readonly scratch: Uint8Array;
  /** Grow / shrink's working buffers, kept across uses. */
  private readonly morphology = new MorphologyScratch();
  private readonly tools: Record<Exclude<ToolId, 'lasso'>, Tool> & { lasso: LassoTool };
  private activeTool: Tool | null = null;
  private attention: Float32Array | null = null;
  private pixels: Uint8ClampedArray | null = null;

  constructor(readonly width: number, readonly height: number, initial: Partial<EditorState> = {}) {
    this.mask = new MaskBuffer(width, height);
    this.scratch = new Uint8Array(width * height);
    this.tools = { brush: new PaintTool('brush', 'paint'), eraser: new PaintTool('eraser', 'erase'), pan: new PanTool(), lasso: new LassoTool(), fill: new FillTool() };
    this.state = {
      tool: 'brush',
      gesture: 'idle',
      brushSize: Math.max(4, Math.round(Math.min(width, height) / 24)),
      hardness: 1,
      maskOpacity: 0.5,
      maskVisible: true,
      attentionVisible: false,
      attentionThreshold: 0.5,
      view: { scale: 1, x: 0, y: 0 },
      stage: { width, height },
      canUndo: false,
      canRedo: false,
      changeCount: 0,
      cheatSheetOpen: false,
      fillTolerance: 24,
      growBy: 2,
      palette: 'standard',
      lasso: null,
      ...initial,
    };
  }

  // --- subscription -------------------------------------------------------------------------------------

  getState = (): EditorState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called with the rectangle of changed mask pixels (null = everything). */
  onPixels(listener: PixelListener): () => void {
    this.pixelListeners.add(listener);
    return () => this.pixelListeners.delete(listener);
  }

  private set(patch: Partial<EditorState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  pixelsChanged(rect: Rect | null) {
    for (const l of this.pixelListeners) l(rect);
  }

  // --- settings -----------------------------------------------------------------------------------------

  setTool(tool: ToolId) {
    this.cancelPointer();
    this.set({ tool });
  }
  get toolState(): string {
    return this.tools[this.state.tool].state;
  }
  setBrushSize(size: number) {
    this.set({ brushSize: Math.round(Math.min(BRUSH_MAX, Math.max(BRUSH_MIN, size))) });
  }
  /** [ and ]: grow or shrink by ~20%, at least one pixel. */
  stepBrushSize(direction: 1 | -1) {
    const s = this.state.brushSize;
    this.setBrushSize(direction > 0 ? Math.max(s + 1, s * 1.2) : Math.min(s - 1, s / 1.2));
  }
  setHardness(h: number) {
    this.set({ hardness: Math.round(Math.min(1, Math.max(0, h)) * 100) / 100 });
  }
  setMaskOpacity(o: number) {
    this.set({ maskOpacity: Math.min(1, Math.max(0.05, o)) });
  }
  toggleMask() {
    this.set({ maskVisible: !this.state.maskVisible });
  }
  toggleAttention() {
    if (this.attention) this.set({ attentionVisible: !this.state.attentionVisible });
  }
  setAttentionThreshold(t: number) {
    this.set({ attentionThreshold: Math.min(1, Math.max(0, t)) });
  }
  toggleCheatSheet(open = !this.state.cheatSheetOpen) {
    this.set({ cheatSheetOpen: open });
  }
  setFillTolerance(t: number) {
    this.set({ fillTolerance: Math.round(Math.min(255, Math.max(0, t))) });
  }
  setGrowBy(n: number) {
    this.set({ growBy: Math.round(Math.min(64, Math.max(1, n))) });
  }
  setPalette(palette: PaletteId) {
    this.set({ palette });
  }
  setLassoPreview(points: Point[] | null) {
    this.set({ lasso: points ? [...points] : null });
  }

  // --- view ---------------------------------------------------------------------------------------------

  setView(view: View) {
    this.set({ view });
  }
  setStage(stage: { width: number; height: number }) {
    this.set({ stage });
  }
  zoom(factor: number, anchor = { x: this.state.stage.width / 2, y: this.state.stage.height / 2 }) {
    this.setView(zoomAt(this.state.view, factor, anchor));
  }
  fit() {
    this.setView(fitView(this, this.state.stage));
  }
  actualSize() {
    this.setView(actualSizeView(this, this.state.stage));
  }

  // --- pointer → tools ----------------------------------------------------------------------------------

  /** `pan` forces the pan tool for this gesture (space held, middle button); `subtract` erases with it (Alt). */
  pointerDown(sample: PointerSample, opts: PointerOptions = {}) {
    if (this.activeTool) this.cancelPointer();
    const tool = this.tools[opts.pan ? 'pan' : this.state.tool];
    this.activeTool = tool;
    tool.down(this, sample, opts);
    this.set({ gesture: tool.id === 'pan' ? 'panning' : 'painting' });
  }
  pointerMove(samples: PointerSample[]) {
    if (this.activeTool && samples.length) this.activeTool.move(this, samples);
  }
  pointerUp() {
    const tool = this.activeTool;
    this.activeTool = null;
    tool?.up(this);
    if (tool) this.set({ gesture: 'idle' });
  }
  /** Cancels the gesture in progress, and a polygon being placed between clicks. */
  cancelPointer() {
    const tool = this.activeTool;
    this.activeTool = null;
    tool?.cancel(this);
    if (tool !== this.tools.lasso) this.tools.lasso.cancel(this);
    if (tool) this.set({ gesture: 'idle' });
  }
  /** Enter: fill the polygon placed so far. */
  closeLasso() {
    if (this.tools.lasso.state === 'polygon') this.tools.lasso.close(this);
  }
  get busy(): boolean {
    return this.activeTool !== null || this.tools.lasso.state !== 'idle';
  }

  // --- gestures and history (used by tools) -------------------------------------------------------------

  openGesture(label: string): Gesture {
    return new Gesture(this.mask, this.scratch, label);
  }
  commitGesture(gesture: Gesture) {
    const patch = gesture.commit();
    if (!patch) return;
    this.history.push(patch);
    this.changed();
  }
  cancelGesture(gesture: Gesture) {
    this.pixelsChanged(gesture.cancel());
  }

  undo() {
    if (this.busy) return;
    const rect = this.history.undo(this.mask);
    if (rect) this.afterHistoryMove(rect);
  }
  redo() {
    if (this.busy) return;
    const rect = this.history.redo(this.mask);
    if (rect) this.afterHistoryMove(rect);
  }
  private afterHistoryMove(rect: Rect) {
    this.pixelsChanged(rect);
    this.changed();
  }
  private changed() {
    this.set({ canUndo: this.history.canUndo, canRedo: this.history.canRedo, changeCount: this.state.changeCount + 1 });
  }

  // --- whole-mask operations ----------------------------------------------------------------------------

  /** Replace the mask from a stored binary mask (0/1 per pixel), e.g. a restored draft. Not undoable. */
  loadBinary(data: Uint8Array) {
    if (data.length !== this.mask.coverage.length) throw new Error(`mask has ${data.length} pixels, expected ${this.mask.coverage.length}`);
    for (let i = 0; i < data.length; i++) this.mask.coverage[i] = data[i] ? 255 : 0;
    this.pixelsChanged(null);
  }

  /** Restores the undo history of a reloaded draft (patches oldest first). */
  restoreHistory(patches: Patch[]) {
    this.history.restore(patches);
    this.set({ canUndo: this.history.canUndo, canRedo: this.history.canRedo });
  }

  /** The photo's RGBA pixels (image resolution), for the flood fill. */
  setImagePixels(rgba: Uint8ClampedArray | null) {
    if (rgba && rgba.length !== this.width * this.height * 4) throw new Error(`image has ${rgba.length / 4} pixels, expected ${this.width * this.height}`);
    this.pixels = rgba;
  }
  imagePixels(): Uint8ClampedArray | null {
    return this.pixels;
  }

  setAttention(normalised: Float32Array | null) {
    this.attention = normalised;
    this.set({ attentionVisible: normalised ? this.state.attentionVisible : false });
  }
  get hasAttention(): boolean {
    return this.attention !== null;
  }
  attentionMap(): Float32Array | null {
    return this.attention;
  }

  /** Replace the mask with the attention map thresholded at the current threshold: one undoable step. */
  prefillFromAttention() {
    if (!this.attention || this.activeTool) return;
    this.replaceAll('Prefill from attention', thresholdAttention(this.attention, this.state.attentionThreshold));
  }

  /** Empty the mask: one undoable step. */
  clear() {
    if (this.activeTool) return;
    this.replaceAll('Clear', new Uint8Array(this.mask.coverage.length));
  }

  /** Grow (+1) or shrink (−1) the mask by `growBy` pixels: one undoable step. */
  growMask(direction: 1 | -1) {
    if (this.busy) return;
    const next = growShrinkWindow(this.mask.coverage, this.width, this.height, direction * this.state.growBy, BINARY_THRESHOLD, this.morphology);
    if (next) this.replaceWindow(direction > 0 ? `Grow ${this.state.growBy} px` : `Shrink ${this.state.growBy} px`, next.rect, next.data);
  }

  /** Paint or erase every pixel of `region` (1 = in) inside `rect`: one undoable step (lasso, fill). */
  applyRegion(label: string, region: Uint8Array, rect: Rect, mode: PaintMode) {
    const gesture = this.openGesture(label);
    const { coverage, width } = this.mask;
    const value = mode === 'paint' ? 255 : 0;
    for (let y = rect.y; y < rect.y + rect.h; y++) {
      for (let i = y * width + rect.x, end = i + rect.w; i < end; i++) if (region[i]) coverage[i] = value;
    }
    gesture.touched(rect);
    this.pixelsChanged(rect);
    this.commitGesture(gesture);
  }

  /** Replace the whole coverage; history keeps only the rectangle that changed. */
  private replaceAll(label: string, coverage: Uint8Array) {
    this.replaceWindow(label, this.mask.full(), coverage);
  }

  /**
   * Replace the coverage inside `rect` with `data` (rect.w × rect.h): one undoable step. Only the pixels
   * that really changed are written and recorded (a sparse patch), and their tight box repainted.
   */
  private replaceWindow(label: string, rect: Rect, data: Uint8Array) {
    const patch = diffPatch(label, this.mask.coverage, this.width, rect, data);
    if (!patch) return;
    applyPatch(this.mask, patch, 'after');
    this.pixelsChanged(patch.rect);
    this.history.push(patch);
    this.changed();
  }
}

export function createEditorStore(width: number, height: number, initial?: Partial<EditorState>): EditorStore {
  return new EditorStore(width, height, initial);
}
