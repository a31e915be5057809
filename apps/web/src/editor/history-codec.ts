import { deflateSync, inflateSync } from 'fflate';
import type { Patch } from './history';

// The undo history in the draft, so undo survives a reload: the newest patches that fit a byte budget,
// each deflated once (cached) so an autosave only compresses what is new. Layout (little-endian u32s):
// "LAH2", width, height, count, then per patch: x, y, w, h, label length (u8) + UTF-8 label, run count
// (0 for a dense patch), deflated length + deflate(runs as u32 pairs ‖ before ‖ after). "LAH1" (drafts
// saved before sparse patches) has no run count: every patch is dense. Anything that does not parse
// restores no history.

const MAGIC_DENSE = 0x3148414c; // "LAH1"
const MAGIC = 0x3248414c; // "LAH2"
/** Serialized bytes at most (base64 adds a third; the contract allows 2 MiB of base64). */
export const HISTORY_BUDGET = 1024 * 1024;

const packed = new WeakMap<Patch, Uint8Array>();

function deflated(p: Patch): Uint8Array {
  let bytes = packed.get(p);
  if (!bytes) {
    const runs = p.runs ?? new Uint32Array(0);
    const raw = new Uint8Array(runs.length * 4 + p.before.length + p.after.length);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < runs.length; i++) view.setUint32(i * 4, runs[i]!, true);
    raw.set(p.before, runs.length * 4);
    raw.set(p.after, runs.length * 4 + p.before.length);
    bytes = deflateSync(raw, { level: 1 });
    packed.set(p, bytes);
  }
  return bytes;
}

/** Oldest first in, oldest first out; the oldest are dropped first when over the budget. */
export function encodeHistory(patches: readonly Patch[], width: number, height: number, budget = HISTORY_BUDGET): Uint8Array {
  const kept: { p: Patch; label: Uint8Array; body: Uint8Array }[] = [];
  let size = 16;
  for (let i = patches.length - 1; i >= 0; i--) {
    const p = patches[i]!;
    const label = new TextEncoder().encode(p.label.slice(0, 64));
    const body = deflated(p);
    const bytes = 16 + 1 + label.length + 4 + 4 + body.length;
    if (size + bytes > budget) break;
    size += bytes;
    kept.unshift({ p, label, body });
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, width, true);
  view.setUint32(8, height, true);
  view.setUint32(12, kept.length, true);
  let at = 16;
  for (const { p, label, body } of kept) {
    for (const n of [p.rect.x, p.rect.y, p.rect.w, p.rect.h]) {
      view.setUint32(at, n, true);
      at += 4;
    }
    out[at++] = label.length;
    out.set(label, at);
    at += label.length;
    view.setUint32(at, p.runs ? p.runs.length / 2 : 0, true);
    at += 4;
    view.setUint32(at, body.length, true);
    at += 4;
    out.set(body, at);
    at += body.length;
  }
  return out;
}

/** The patches back, or [] when the bytes are not a history of a width × height mask. */
export function decodeHistory(bytes: Uint8Array, width: number, height: number): Patch[] {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const magic = view.getUint32(0, true);
    if ((magic !== MAGIC && magic !== MAGIC_DENSE) || view.getUint32(4, true) !== width || view.getUint32(8, true) !== height) return [];
    const count = view.getUint32(12, true);
    const out: Patch[] = [];
    let at = 16;
    for (let i = 0; i < count; i++) {
      const [x, y, w, h] = [0, 1, 2, 3].map((k) => view.getUint32(at + k * 4, true)) as [number, number, number, number];
      at += 16;
      if (w === 0 || h === 0 || x + w > width || y + h > height) return [];
      const labelLength = bytes[at++]!;
      const label = new TextDecoder().decode(bytes.subarray(at, at + labelLength));
      at += labelLength;
      let runCount = 0;
      if (magic === MAGIC) {
        runCount = view.getUint32(at, true);
        at += 4;
      }
      const length = view.getUint32(at, true);
      at += 4;
      const raw = inflateSync(bytes.subarray(at, at + length));
      at += length;
      if (runCount === 0) {
        if (raw.length !== 2 * w * h) return [];
        out.push({ label, rect: { x, y, w, h }, before: raw.slice(0, w * h), after: raw.slice(w * h) });
        continue;
      }
      // Every run inside one row of the rectangle, and exactly its pixels on each side.
      const rawView = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      const runs = new Uint32Array(2 * runCount);
      let pixels = 0;
      for (let r = 0; r < runCount && 8 * r + 8 <= raw.length; r++) {
        const start = (runs[2 * r] = rawView.getUint32(8 * r, true));
        const n = (runs[2 * r + 1] = rawView.getUint32(8 * r + 4, true));
        const rx = start % width, ry = Math.floor(start / width);
        if (n === 0 || rx < x || rx + n > x + w || ry < y || ry >= y + h) return [];
        pixels += n;
      }
      const head = 8 * runCount;
      if (raw.length !== head + 2 * pixels) return [];
      out.push({ label, rect: { x, y, w, h }, before: raw.slice(head, head + pixels), after: raw.slice(head + pixels), runs });
    }
    return out;
  } catch {
    return [];
  }
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
