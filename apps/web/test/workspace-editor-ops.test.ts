// The editor's pixel operations against brute-force references: grow / shrink (Euclidean dilation and
// erosion by every pair of pixels) and flood fill (breadth-first search over 4-neighbours), on random
// masks and images with shapes touching the image's edges, partial coverage and empty masks; and the
// store's undo step for each, which must record only the rectangle that changed.
import { describe, expect, it } from 'vitest';
import { floodRegion } from '../src/editor/ops/flood-fill';
import { growShrink, growShrinkWindow } from '../src/editor/ops/morphology';
import { deflateSync } from 'fflate';
import { decodeHistory, encodeHistory } from '../src/editor/history-codec';
import { createEditorStore } from '../src/editor/store';

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Random coverage: noise, disks and bars (some crossing the image's edges), with partial values. */
function randomMask(rand: () => number, w: number, h: number, kind: number): Uint8Array {
  const cov = new Uint8Array(w * h);
  if (kind === 0) return cov; // empty
  if (kind === 1) return cov.map(() => (rand() < 0.2 ? 255 : rand() < 0.1 ? Math.floor(rand() * 256) : 0));
  for (let n = 0; n < 1 + Math.floor(rand() * 4); n++) {
    const cx = Math.floor(rand() * (w + 6)) - 3, cy = Math.floor(rand() * (h + 6)) - 3;
    const rr = 1 + rand() * 7;
    const bar = rand() < 0.3;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const inside = bar ? Math.abs(y - cy) < rr / 2 : (x - cx) ** 2 + (y - cy) ** 2 <= rr * rr;
        if (inside) cov[y * w + x] = rand() < 0.05 ? 100 + Math.floor(rand() * 100) : 255;
      }
    }
  }
  if (kind === 3) for (let i = 0; i < cov.length; i++) cov[i] = cov[i] ? 0 : 255; // holes in a full mask
  return cov;
}

/** Brute force: masked pixels within r of a masked pixel (grow), or farther than r from an unmasked one. */
function reference(cov: Uint8Array, w: number, h: number, by: number): Uint8Array {
  const out = new Uint8Array(cov.length);
  for (let i = 0; i < cov.length; i++) {
    const x = i % w, y = Math.floor(i / w);
    let near = false;
    for (let j = 0; j < cov.length && !near; j++) {
      const wanted = by > 0 ? cov[j]! >= 128 : cov[j]! < 128;
      if (wanted && ((j % w) - x) ** 2 + (Math.floor(j / w) - y) ** 2 <= by * by) near = true;
    }
    out[i] = (by > 0 ? near : cov[i]! >= 128 && !near) ? 255 : 0;
  }
  return out;
}

function firstDifference(a: Uint8Array, b: Uint8Array, w: number): string | null {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `at ${i % w},${Math.floor(i / w)}: ${a[i]} vs ${b[i]}`;
  return null;
}

describe('grow and shrink against brute force', () => {
  it('equals the brute-force Euclidean dilation and erosion on random shapes, noise, holes and empty masks', () => {
    const rand = random(11);
    const sizes: [number, number][] = [[1, 1], [1, 9], [9, 1], [24, 17], [31, 29]];
    for (const [w, h] of sizes) {
      for (let trial = 0; trial < 8; trial++) {
        const kind = trial % 4;
        const cov = randomMask(rand, w, h, kind);
        for (const by of [1, 2, 3, 5, 9, 40, -1, -2, -3, -5, -9, -40]) {
          const diff = firstDifference(growShrink(cov, w, h, by), reference(cov, w, h, by), w);
          expect(diff, `${w}×${h} kind ${kind} trial ${trial} by ${by}`).toBeNull();
        }
      }
    }
  });

  it('grows a pixel in each corner into exact quarter disks and shrinks a full image not at all', () => {
    const w = 12, h = 10;
    const cov = new Uint8Array(w * h);
    for (const i of [0, w - 1, (h - 1) * w, w * h - 1]) cov[i] = 255;
    const grown = growShrink(cov, w, h, 3);
    expect(grown.reduce((n, v) => n + (v ? 1 : 0), 0)).toBe(4 * 11); // 11 pixels of a radius-3 quarter disk
    expect(firstDifference(grown, reference(cov, w, h, 3), w)).toBeNull();
    const full = new Uint8Array(w * h).fill(255);
    expect(firstDifference(growShrink(full, w, h, -4), full, w)).toBeNull();
  });

  it('limits its window to the nonzero box widened by the radius, and returns null for an empty mask', () => {
    const w = 50, h = 40;
    const cov = new Uint8Array(w * h);
    cov[10 * w + 20] = 255;
    cov[15 * w + 25] = 60; // partial coverage below the threshold: inside the box, becomes 0
    expect(growShrinkWindow(cov, w, h, 3)!.rect).toEqual({ x: 17, y: 7, w: 12, h: 12 });
    expect(growShrinkWindow(cov, w, h, -3)!.rect).toEqual({ x: 17, y: 7, w: 12, h: 12 });
    expect(growShrinkWindow(new Uint8Array(w * h), w, h, 3)).toBeNull();
  });

  it('records one undo step over only the changed rectangle, and undo restores the soft edges', () => {
    const w = 60, h = 45;
    const store = createEditorStore(w, h, { growBy: 2 });
    for (let y = 15; y < 25; y++) store.mask.coverage.fill(255, y * w + 20, y * w + 35);
    store.mask.coverage[20 * w + 19] = 90; // a soft edge pixel: binarised by the step, restored by undo
    const before = store.mask.coverage.slice();
    store.growMask(1);
    expect(store.history.size).toBe(1);
    expect(store.history.entries()[0]!.rect).toEqual({ x: 18, y: 13, w: 19, h: 14 });
    expect(firstDifference(store.mask.coverage, reference(before, w, h, 2), w)).toBeNull();
    store.undo();
    expect(firstDifference(store.mask.coverage, before, w)).toBeNull();
    store.growMask(-1);
    expect(store.history.entries()[0]!.rect).toEqual({ x: 19, y: 15, w: 16, h: 10 });
    expect(firstDifference(store.mask.coverage, reference(before, w, h, -2), w)).toBeNull();
    // Nothing to change (an empty mask): no step.
    const empty = createEditorStore(20, 20);
    empty.growMask(1);
    empty.growMask(-1);
    expect(empty.history.size).toBe(0);
  });
});

describe('grow and shrink: sparse undo patches and reused working buffers', () => {
  it('undo and redo restore the exact pixels (soft edges too) over many steps of varying size, and the draft keeps them', () => {
    const rand = random(23);
    for (const [w, h] of [[37, 29], [64, 48], [5, 70]] as [number, number][]) {
      for (let trial = 0; trial < 6; trial++) {
        const store = createEditorStore(w, h);
        const start = randomMask(rand, w, h, 1 + (trial % 3));
        // Soft edges: partial coverage on both sides of the threshold, which a step binarises.
        for (let i = 0; i < start.length; i++) if (rand() < 0.15) start[i] = Math.floor(rand() * 256);
        store.mask.coverage.set(start);
        const states = [start.slice()];
        for (const by of [2, -1, 5, -3, 1, -7, 3]) {
          store.setGrowBy(Math.abs(by));
          const prev = store.mask.coverage.slice();
          store.growMask(by > 0 ? 1 : -1);
          // growShrink allocates fresh buffers (and equals brute force above): the reused ones must agree.
          const diff = firstDifference(store.mask.coverage, growShrink(prev, w, h, by), w);
          expect(diff, `${w}×${h} trial ${trial} by ${by}`).toBeNull();
          if (store.history.size === states.length) states.push(store.mask.coverage.slice());
          else expect(firstDifference(store.mask.coverage, prev, w)).toBeNull(); // no change, no step
        }
        for (const p of store.history.entries()) {
          expect(p.runs, p.label).toBeDefined();
          expect(p.before.length).toBe(p.after.length);
          expect(p.before.length).toBeLessThanOrEqual(p.rect.w * p.rect.h);
        }
        // Undo everything, redo everything: each state exactly, including the soft start.
        for (let k = states.length - 2; k >= 0; k--) {
          store.undo();
          expect(firstDifference(store.mask.coverage, states[k]!, w), `undo to ${k}`).toBeNull();
        }
        for (let k = 1; k < states.length; k++) {
          store.redo();
          expect(firstDifference(store.mask.coverage, states[k]!, w), `redo to ${k}`).toBeNull();
        }
        // Through the draft's codec: a reloaded store undoes to the same soft start.
        const reloaded = createEditorStore(w, h);
        reloaded.mask.coverage.set(store.mask.coverage);
        reloaded.restoreHistory(decodeHistory(encodeHistory(store.history.entries(), w, h), w, h));
        expect(reloaded.history.size).toBe(states.length - 1);
        for (let k = states.length - 2; k >= 0; k--) reloaded.undo();
        expect(firstDifference(reloaded.mask.coverage, start, w)).toBeNull();
        for (let k = 1; k < states.length; k++) reloaded.redo();
        expect(firstDifference(reloaded.mask.coverage, states[states.length - 1]!, w)).toBeNull();
      }
    }
  });

  it('records only the band that changed: a grow of a large disk keeps a small fraction of its box', () => {
    const w = 400, h = 400;
    const store = createEditorStore(w, h, { growBy: 2 });
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if ((x - 200) ** 2 + (y - 200) ** 2 <= 150 ** 2) store.mask.coverage[y * w + x] = 255;
    store.growMask(1);
    const p = store.history.entries()[0]!;
    expect(p.rect).toEqual({ x: 48, y: 48, w: 305, h: 305 });
    const held = p.before.byteLength + p.after.byteLength + p.runs!.byteLength;
    expect(held).toBeLessThan((p.rect.w * p.rect.h) / 10); // a dense patch would hold 2 × w × h
  });

  it('decodes drafts saved in the dense format (LAH1), and refuses sparse runs outside their rectangle', () => {
    const w = 8, h = 6;
    const rect = { x: 2, y: 1, w: 3, h: 2 };
    const before = new Uint8Array([1, 2, 3, 4, 5, 6]), after = new Uint8Array([9, 8, 7, 6, 5, 4]);
    const label = new TextEncoder().encode('old');
    const body = deflateSync(new Uint8Array([...before, ...after]));
    const bytes = new Uint8Array(16 + 16 + 1 + label.length + 4 + body.length);
    const view = new DataView(bytes.buffer);
    [0x3148414c, w, h, 1, rect.x, rect.y, rect.w, rect.h].forEach((n, i) => view.setUint32(i * 4, n, true));
    bytes[32] = label.length;
    bytes.set(label, 33);
    view.setUint32(33 + label.length, body.length, true);
    bytes.set(body, 37 + label.length);
    const [old] = decodeHistory(bytes, w, h);
    expect(old).toEqual({ label: 'old', rect, before, after });

    const sparse = { label: 's', rect, before: new Uint8Array([1, 2]), after: new Uint8Array([3, 4]), runs: new Uint32Array([1 * w + 3, 2]) };
    expect(decodeHistory(encodeHistory([sparse], w, h), w, h)).toEqual([sparse]);
    const outside = { ...sparse, runs: new Uint32Array([1 * w + 4, 2]) }; // crosses the rectangle's right edge
    expect(decodeHistory(encodeHistory([outside], w, h), w, h)).toEqual([]);
  });
});

/** Brute force: breadth-first search over 4-neighbours within tolerance of the seed's colour. */
function floodReference(rgba: Uint8Array, w: number, h: number, sx: number, sy: number, tol: number): Uint8Array {
  const out = new Uint8Array(w * h);
  const s = (sy * w + sx) * 4;
  const near = (i: number) => [0, 1, 2].every((c) => Math.abs(rgba[i * 4 + c]! - rgba[s + c]!) <= tol);
  const queue = [sy * w + sx];
  out[queue[0]!] = 1;
  while (queue.length) {
    const i = queue.shift()!;
    const x = i % w, y = Math.floor(i / w);
    for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]] as const) {
      const j = ny * w + nx;
      if (nx >= 0 && ny >= 0 && nx < w && ny < h && !out[j] && near(j)) {
        out[j] = 1;
        queue.push(j);
      }
    }
  }
  return out;
}

describe('flood fill against brute force', () => {
  it('fills exactly the 4-connected region within tolerance, with its bounding rectangle, on random images', () => {
    const rand = random(5);
    for (const [w, h] of [[1, 1], [1, 12], [13, 1], [23, 19], [40, 33]] as [number, number][]) {
      for (let trial = 0; trial < 12; trial++) {
        // Few colours in blobs and noise, so regions wind, have holes and touch the edges.
        const rgba = new Uint8Array(w * h * 4);
        const blobs = Array.from({ length: 5 }, () => ({ x: rand() * w, y: rand() * h, r: 1 + rand() * 8, v: Math.floor(rand() * 4) * 40 }));
        for (let i = 0; i < w * h; i++) {
          const x = i % w, y = Math.floor(i / w);
          let v = rand() < 0.15 ? 120 : 0;
          for (const b of blobs) if ((x - b.x) ** 2 + (y - b.y) ** 2 <= b.r * b.r) v = b.v;
          rgba.set([v, v + (trial % 3) * 5, 255 - v, 255], i * 4);
        }
        for (const tol of [0, 10, 45]) {
          const sx = Math.floor(rand() * w), sy = Math.floor(rand() * h);
          const found = floodRegion(rgba, w, h, { x: sx + 0.5, y: sy + 0.5 }, tol)!;
          const expected = floodReference(rgba, w, h, sx, sy, tol);
          const label = `${w}×${h} trial ${trial} tol ${tol} seed ${sx},${sy}`;
          expect(firstDifference(found.region, expected, w), label).toBeNull();
          let x0 = w, y0 = h, x1 = -1, y1 = -1;
          for (let i = 0; i < expected.length; i++) {
            if (!expected[i]) continue;
            const x = i % w, y = Math.floor(i / w);
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
            y0 = Math.min(y0, y);
            y1 = Math.max(y1, y);
          }
          expect(found.rect, label).toEqual({ x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 });
        }
      }
    }
  });

  it('fills a spiral corridor (every span reached from above and below) and nothing outside the image', () => {
    const w = 41, h = 41;
    const rgba = new Uint8Array(w * h * 4).fill(255);
    // Walls (black) on every other ring, each ring open at one alternating corner: one winding corridor.
    for (let k = 0; k < 10; k++) {
      const a = 2 * k + 1, b = w - 2 - 2 * k;
      for (let t = a; t <= b; t++) for (const [x, y] of [[t, a], [t, b], [a, t], [b, t]]) rgba.set([0, 0, 0, 255], (y! * w + x!) * 4);
      const gap = k % 2 ? [a, a + 1] : [b, b - 1];
      rgba.set([255, 255, 255, 255], (gap[1]! * w + gap[0]!) * 4);
    }
    const found = floodRegion(rgba, w, h, { x: 0, y: 0 }, 0)!;
    expect(firstDifference(found.region, floodReference(rgba, w, h, 0, 0, 0), w)).toBeNull();
    expect(floodRegion(rgba, w, h, { x: -1, y: 3 }, 0)).toBeNull();
    expect(floodRegion(rgba, w, h, { x: 3, y: h }, 0)).toBeNull();
  });
});
