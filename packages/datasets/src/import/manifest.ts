import { z } from 'zod';
import { SPLITS, type Split } from '../synthetic/config.ts';
import { type Novelty } from '../synthetic/plan.ts';
import { type ImportIssue } from './types.ts';

// A manifest assigns splits (and optionally novelty and group) to images by path relative to the import
// root. Two spellings:
//   manifest.csv  — header row with at least `path,split`; optional `novelty`, `group`; other columns ignored
//                   (the generator's manifest also has label, manipulation, mask).
//   manifest.json — { "samples": [{ "path": "fake/x/1.png", "split": "train", "novelty"?: "unseen", "group"?: "v1" }] }

export interface ManifestEntry {
  split: Split;
  novelty?: Novelty;
  group?: string;
}

export interface Manifest {
  entries: Map<string, ManifestEntry>;
  issues: ImportIssue[];
}

const entrySchema = z.object({
  path: z.string().min(1),
  split: z.enum(SPLITS),
  novelty: z.enum(['seen', 'unseen']).optional(),
  group: z.string().min(1).optional(),
});

const jsonSchema = z.union([z.object({ samples: z.array(z.unknown()) }), z.array(z.unknown())]);

/** Normalises `./a//b.png` and Windows separators to `a/b.png`, the form walkFiles reports. */
export function normalizeManifestPath(p: string): string {
  return p
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

/** RFC 4180 fields of one CSV line: commas, double quotes, "" as an escaped quote. */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

function addEntry(manifest: Manifest, raw: unknown, where: string): void {
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) {
    manifest.issues.push({ path: where, code: 'bad-manifest', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    return;
  }
  const { path, ...entry } = parsed.data;
  if (path.split(/[\\/]/).includes('..')) {
    manifest.issues.push({ path: where, code: 'unsafe-path', message: `manifest path ${JSON.stringify(path)} leaves the import folder` });
    return;
  }
  manifest.entries.set(normalizeManifestPath(path), entry);
}

export function parseManifestCsv(text: string, name = 'manifest.csv'): Manifest {
  const manifest: Manifest = { entries: new Map(), issues: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = parseCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  if (!header.includes('path') || !header.includes('split')) {
    manifest.issues.push({ path: name, code: 'bad-manifest', message: 'CSV manifest needs a header row with path and split columns' });
    return manifest;
  }
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const cells = parseCsvLine(line);
    const row: Record<string, string> = {};
    header.forEach((h, k) => {
      const v = cells[k];
      if (v !== undefined && v !== '') row[h] = v;
    });
    addEntry(manifest, { path: row.path, split: row.split, novelty: row.novelty, group: row.group }, `${name}:${i + 1}`);
  }
  return manifest;
}

export function parseManifestJson(text: string, name = 'manifest.json'): Manifest {
  const manifest: Manifest = { entries: new Map(), issues: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    manifest.issues.push({ path: name, code: 'bad-manifest', message: `not JSON: ${(error as Error).message}` });
    return manifest;
  }
  const parsed = jsonSchema.safeParse(data);
  if (!parsed.success) {
    manifest.issues.push({ path: name, code: 'bad-manifest', message: 'JSON manifest must be { "samples": [...] } or an array' });
    return manifest;
  }
  const rows = Array.isArray(parsed.data) ? parsed.data : parsed.data.samples;
  rows.forEach((row, i) => addEntry(manifest, row, `${name}#${i}`));
  return manifest;
}
