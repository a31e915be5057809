// The editor's tools and persistence without a browser: fit, lasso / polygon, flood fill, grow / shrink,
// undo history across a reload, per-user preferences, the overlay palettes and the shortcut sheet.
import { describe, expect, it } from 'vitest';
import { decodeHistory, encodeHistory, fromBase64, toBase64 } from '../src/editor/history-codec';
import { growShrink } from '../src/editor/ops/morphology';
import { loadPrefs, savePrefs, type KeyValueStore } from '../src/editor/preferences';
import { attentionRgba, PALETTES } from '../src/editor/render/palette';
import { runCommand } from '../src/editor/run-command';
import { commandForKey, SHORTCUTS, type Command } from '../src/editor/shortcuts';
import { createEditorStore, type EditorStore } from '../src/editor/store';
import { fitView } from '../src/editor/viewport';

const at = (x: number, y: number, screen = { x: x * 10, y: y * 10 }) => ({ image: { x, y }, screen });

function stroke(store: EditorStore, points: [number, number][]) {
  const [first, ...rest] = points;
  store.pointerDown(at(...first!));
  store.pointerMove(rest.map((p) => at(...p)));
  store.pointerUp();
}
const px = (store: EditorStore, x: number, y: number) => store.mask.coverage[y * store.width + x];

describe('fit to the viewport', () => {
  it('enlarges a small image to fill the stage (no 4× cap) and shrinks a large one', () => {
    expect(fitView({ width: 64, height: 64 }, { width: 800, height: 600 }).scale).toBeCloseTo((600 - 32) / 64);
    expect(fitView({ width: 4096, height: 2048 }, { width: 800, height: 600 }).scale).toBeCloseTo((800 - 32) / 4096);
    const store = createEditorStore(64, 48);
    store.setStage({ width: 1000, height: 700 });
    store.fit();
    const { scale, x, y } = store.getState().view;
    expect(scale).toBeCloseTo(Math.min(968 / 64, 668 / 48));
    expect(x + 64 * scale / 2).toBeCloseTo(500); // centred
    expect(y + 48 * scale / 2).toBeCloseTo(350);
  });
});

describe('lasso and polygon', () => {
  it('fills a dragged outline on release as one undo step', () => {
    const store = createEditorStore(40, 40);
    store.setTool('lasso');
    stroke(store, [[10, 10], [30, 10], [30, 30], [10, 30]]);
    expect(px(store, 20, 20)).toBe(255);
    expect(px(store, 5, 5)).toBe(0);
    expect(store.mask.area()).toBeGreaterThanOrEqual(19 * 19);
    expect(store.mask.area()).toBeLessThanOrEqual(21 * 21);
    expect(store.history.size).toBe(1);
    expect(store.getState().lasso).toBeNull();
    store.undo();
    expect(store.mask.area()).toBe(0);
  });

  it('places polygon vertices by clicks and fills on Enter, or on a click at the first vertex; Esc drops it', () => {
    const store = createEditorStore(40, 40);
    store.setTool('lasso');
    const click = (x: number, y: number) => {
      store.pointerDown(at(x, y));
      store.pointerUp();
    };
    click(5, 5);
    click(35, 5);
    click(5, 35);
    expect(store.getState().lasso).toHaveLength(3);
    expect(store.mask.area()).toBe(0);
    runCommand(store, commandForKey({ key: 'Enter' })!, () => undefined);
    expect(px(store, 10, 10)).toBe(255);
    expect(px(store, 30, 30)).toBe(0); // the far side of the diagonal stays empty
    expect(store.history.size).toBe(1);
    const area = store.mask.area();
    expect(area).toBeGreaterThan(0.4 * 450);
    expect(area).toBeLessThan(0.6 * 900);

    // Alt + a closed polygon clicked back to its first vertex erases a square out of it.
    store.pointerDown(at(6, 6), { subtract: true });
    store.pointerUp();
    click(12, 6);
    click(12, 12);
    click(6, 12);
    click(6, 6);
    expect(px(store, 9, 9)).toBe(0);
    expect(store.history.size).toBe(2);

    click(20, 20);
    click(25, 20);
    runCommand(store, 'cancel', () => undefined);
    expect(store.getState().lasso).toBeNull();
    expect(store.history.size).toBe(2);
  });
});

describe('flood fill', () => {
  /** Left half dark (10), right half light (200) with a slightly lighter stripe (220) at x 30–34. */
  function image(width: number, height: number): Uint8ClampedArray {
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const v = x < width / 2 ? 10 : x >= 30 && x < 35 ? 220 : 200;
        rgba.set([v, v, v, 255], (y * width + x) * 4);
      }
    }
    return rgba;
  }

  it('fills the connected region within the tolerance of the clicked colour, one undo step; Alt erases it', () => {
    const store = createEditorStore(40, 20);
    store.setImagePixels(image(40, 20));
    store.setTool('fill');
    store.setFillTolerance(8);
    store.pointerDown(at(3, 3));
    store.pointerUp();
    expect(store.mask.area()).toBe(20 * 20);
    expect(px(store, 25, 5)).toBe(0);
    store.pointerDown(at(25, 5));
    store.pointerUp();
    expect(store.mask.area()).toBe(20 * 20 + 10 * 20); // the 220 stripe is 20 away: not within 8
    store.undo();
    store.setFillTolerance(24);
    store.pointerDown(at(25, 5));
    store.pointerUp();
    expect(store.mask.area()).toBe(40 * 20);
    expect(store.history.size).toBe(2);
    store.pointerDown(at(3, 3), { subtract: true });
    store.pointerUp();
    expect(store.mask.area()).toBe(20 * 20);
  });
});

describe('grow and shrink', () => {
  it('grows a point into a disk and shrinks a square by exactly N px, each one undo step', () => {
    const store = createEditorStore(21, 21, { growBy: 2 });
    store.mask.coverage[10 * 21 + 10] = 255;
    runCommand(store, commandForKey({ key: 'g' })!, () => undefined);
    expect(store.mask.area()).toBe(13); // pixels within distance 2 of the centre
    store.undo();
    expect(store.mask.area()).toBe(1);
    for (let y = 3; y < 17; y++) store.mask.coverage.fill(255, y * 21 + 3, y * 21 + 17);
    runCommand(store, commandForKey({ key: 'G', shiftKey: true })!, () => undefined);
    expect(store.mask.area()).toBe(10 * 10);
    expect(px(store, 5, 5)).toBe(255);
    expect(px(store, 4, 4)).toBe(0);
  });

  it('matches a brute-force Euclidean dilation and erosion on random masks', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const w = 23, h = 17;
    for (let trial = 0; trial < 5; trial++) {
      const cov = new Uint8Array(w * h).map(() => (rand() < 0.15 ? 255 : 0));
      for (const by of [1, 3, -1, -2]) {
        const got = growShrink(cov, w, h, by);
        for (let i = 0; i < cov.length; i++) {
          const x = i % w, y = Math.floor(i / w);
          let near = false;
          for (let j = 0; j < cov.length && !near; j++) {
            const wanted = by > 0 ? cov[j]! >= 128 : cov[j]! < 128;
            if (wanted && (j % w - x) ** 2 + (Math.floor(j / w) - y) ** 2 <= by * by) near = true;
          }
          const expected = by > 0 ? near : cov[i]! >= 128 && !near;
          expect(got[i], `trial ${trial} by ${by} at ${x},${y}`).toBe(expected ? 255 : 0);
        }
      }
    }
  });
});

describe('undo history in the draft', () => {
  it('survives a reload: the restored store undoes the same strokes', () => {
    const a = createEditorStore(48, 32, { brushSize: 5 });
    stroke(a, [[5, 5], [40, 5]]);
    const afterOne = a.mask.toBinary();
    stroke(a, [[5, 20], [40, 25]]);
    const encoded = toBase64(encodeHistory(a.history.entries(), 48, 32));
    const b = createEditorStore(48, 32);
    b.loadBinary(a.mask.toBinary());
    b.restoreHistory(decodeHistory(fromBase64(encoded), 48, 32));
    expect(b.getState().canUndo).toBe(true);
    b.undo();
    expect(b.mask.toBinary()).toEqual(afterOne);
    b.undo();
    expect(b.mask.area()).toBe(0);
    b.redo();
    expect(b.mask.toBinary()).toEqual(afterOne);
  });

  it('keeps the newest patches within the byte budget and refuses foreign bytes', () => {
    const noise = (n: number) => new Uint8Array(n).map((_, i) => (i * 2654435761) >>> 24);
    const patches = [1, 2, 3].map((k) => ({ label: `p${k}`, rect: { x: 0, y: 0, w: 64, h: 64 }, before: noise(4096 + k).subarray(0, 4096), after: noise(4096) }));
    const all = decodeHistory(encodeHistory(patches, 64, 64), 64, 64);
    expect(all.map((p) => p.label)).toEqual(['p1', 'p2', 'p3']);
    expect(all[1]!.before).toEqual(patches[1]!.before);
    const one = encodeHistory(patches, 64, 64).length - encodeHistory(patches.slice(1), 64, 64).length;
    const newest = decodeHistory(encodeHistory(patches, 64, 64, 16 + 2 * one), 64, 64);
    expect(newest.map((p) => p.label)).toEqual(['p2', 'p3']);
    expect(decodeHistory(encodeHistory(patches, 64, 64), 32, 64)).toEqual([]); // another size
    expect(decodeHistory(new Uint8Array([1, 2, 3, 4, 5]), 64, 64)).toEqual([]);
  });
});

describe('preferences per user', () => {
  function memory(): KeyValueStore & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  }

  it('remembers tool and brush size for the same user only, and survives damaged storage', () => {
    const storage = memory();
    const prefs = { ...loadPrefs(storage, 'u1'), tool: 'fill' as const, brushSize: 37, palette: 'colourblind' as const };
    savePrefs(storage, 'u1', prefs);
    expect(loadPrefs(storage, 'u1')).toMatchObject({ tool: 'fill', brushSize: 37, palette: 'colourblind' });
    expect(loadPrefs(storage, 'u2')).toMatchObject({ tool: 'brush', palette: 'standard' });
    expect(loadPrefs(storage, 'u2').brushSize).toBeUndefined();
    storage.data.set('lae.editor.prefs.u1', '{not json');
    expect(loadPrefs(storage, 'u1').tool).toBe('brush');
    storage.data.set('lae.editor.prefs.u1', JSON.stringify({ tool: 'laser', brushSize: 9000, hardness: 0.3 }));
    expect(loadPrefs(storage, 'u1')).toMatchObject({ tool: 'brush', hardness: 0.3 });
    expect(loadPrefs(storage, 'u1').brushSize).toBeUndefined();
  });
});

describe('overlay palettes', () => {
  type Rgb = readonly [number, number, number];
  const dist = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  // Viénot, Brettel & Mollon (1999) dichromat simulation in linear RGB.
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const gam = (c: number) => 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
  const simulate = (m: number[][], c: Rgb): Rgb => {
    const l = c.map(lin);
    return m.map((row) => gam(Math.min(1, Math.max(0, row[0]! * l[0]! + row[1]! * l[1]! + row[2]! * l[2]!)))) as unknown as Rgb;
  };
  const PROTAN = [[0.11238, 0.88762, 0], [0.11238, 0.88762, 0], [0.00401, -0.00401, 1]];
  const DEUTAN = [[0.29275, 0.70725, 0], [0.29275, 0.70725, 0], [-0.02234, 0.02234, 1]];
  const ramp = (p: (typeof PALETTES)[keyof typeof PALETTES]) => [0.3, 0.6, 1].map((v) => attentionRgba(p, v).slice(0, 3) as unknown as Rgb);

  it('keeps the mask far from every attention colour, and the colour-blind palette under protanopia and deuteranopia too', () => {
    for (const p of Object.values(PALETTES)) for (const a of ramp(p)) expect(dist(p.mask, a), p.label).toBeGreaterThan(150);
    const cb = PALETTES.colourblind;
    for (const m of [PROTAN, DEUTAN]) for (const a of ramp(cb)) expect(dist(simulate(m, cb.mask), simulate(m, a))).toBeGreaterThan(120);
    const store = createEditorStore(4, 4);
    runCommand(store, commandForKey({ key: 'c' })!, () => undefined);
    expect(store.getState().palette).toBe('colourblind');
  });
});

describe('shortcut sheet', () => {
  it('lists a key for every new tool and the keys do what the sheet says', () => {
    const listed = new Set(SHORTCUTS.map((s) => s.command));
    for (const c of ['tool.lasso', 'tool.fill', 'lasso.close', 'tolerance.up', 'mask.grow', 'palette.toggle'] as Command[]) expect(listed.has(c), c).toBe(true);
    expect(commandForKey({ key: 'l' })).toBe('tool.lasso');
    expect(commandForKey({ key: 'F' })).toBe('tool.fill'); // Caps Lock
    expect(commandForKey({ key: 'g' })).toBe('mask.grow');
    expect(commandForKey({ key: 'G', shiftKey: true })).toBe('mask.shrink');
    expect(commandForKey({ key: "'" })).toBe('tolerance.up');
    expect(commandForKey({ key: ';' })).toBe('tolerance.down');
    expect(commandForKey({ key: 'Enter' })).toBe('lasso.close');
    expect(commandForKey({ key: 'Enter', ctrlKey: true })).toBe('task.submit');
  });
});
