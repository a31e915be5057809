import { z } from 'zod';
import { PALETTES, type PaletteId } from './render/palette';

// What an annotator sets once and expects on the next task: kept per user in the browser (localStorage),
// read defensively (anything unreadable falls back to the defaults).

const prefsSchema = z.object({
  tool: z.enum(['brush', 'eraser', 'pan', 'lasso', 'fill']).catch('brush'),
  brushSize: z.number().int().min(1).max(256).optional().catch(undefined),
  hardness: z.number().min(0).max(1).catch(1),
  maskOpacity: z.number().min(0.05).max(1).catch(0.5),
  palette: z.enum(Object.keys(PALETTES) as [PaletteId, ...PaletteId[]]).catch('standard'),
  fillTolerance: z.number().int().min(0).max(255).catch(24),
  growBy: z.number().int().min(1).max(64).catch(2),
});
export type EditorPrefs = z.infer<typeof prefsSchema>;
export const PREF_KEYS = Object.keys(prefsSchema.shape) as (keyof EditorPrefs)[];

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const keyOf = (userId: string) => `lae.editor.prefs.${userId}`;

export function loadPrefs(storage: KeyValueStore | null, userId: string): EditorPrefs {
  let raw: unknown = {};
  try {
    raw = JSON.parse(storage?.getItem(keyOf(userId)) ?? '{}');
  } catch {
    // A damaged entry is replaced on the next save.
  }
  return prefsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
}

export function savePrefs(storage: KeyValueStore | null, userId: string, prefs: EditorPrefs): void {
  try {
    storage?.setItem(keyOf(userId), JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: preferences are a convenience, never an error.
  }
}

export function pickPrefs(state: EditorPrefs): EditorPrefs {
  return Object.fromEntries(PREF_KEYS.map((k) => [k, state[k]])) as EditorPrefs;
}
