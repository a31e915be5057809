// Colours of the two overlays. The mask and the model's attention must never be confused: they differ in
// hue family in every palette, and the colour-blind safe one (Okabe–Ito blue against orange → yellow) keeps
// them apart under protanopia and deuteranopia too (test/workspace-editor-tools.test.ts checks both).

export type PaletteId = 'standard' | 'colourblind';
type Rgb = readonly [number, number, number];

export interface Palette {
  label: string;
  mask: Rgb;
  /** The attention ramp, from weak to strong (alpha grows with the value as well). */
  attentionLow: Rgb;
  attentionHigh: Rgb;
  /** Outline of the reference (ground-truth) mask in review. */
  reference: Rgb;
}

export const PALETTES: Record<PaletteId, Palette> = {
  standard: { label: 'Standard', mask: [236, 0, 140], attentionLow: [255, 236, 0], attentionHigh: [255, 150, 0], reference: [0, 230, 118] },
  colourblind: { label: 'Colour-blind safe', mask: [0, 114, 178], attentionLow: [240, 228, 66], attentionHigh: [230, 159, 0], reference: [255, 255, 255] },
};

export function nextPalette(id: PaletteId): PaletteId {
  return id === 'standard' ? 'colourblind' : 'standard';
}

/** The attention colour and alpha (0–255) for a normalised value in [0, 1]. */
export function attentionRgba(palette: Palette, v: number): [number, number, number, number] {
  const { attentionLow: a, attentionHigh: b } = palette;
  return [Math.round(a[0] + (b[0] - a[0]) * v), Math.round(a[1] + (b[1] - a[1]) * v), Math.round(a[2] + (b[2] - a[2]) * v), Math.round(200 * v)];
}

export const css = (c: Rgb) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
