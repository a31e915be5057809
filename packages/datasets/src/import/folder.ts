import fs from 'node:fs/promises';
import path from 'node:path';
import { type Novelty } from '../synthetic/plan.ts';
import { parseManifestCsv, parseManifestJson, type Manifest } from './manifest.ts';
import { runImport, type ImportCandidate, type ImportOptions } from './pipeline.ts';
import { resolveInside, walkFiles } from './safe-walk.ts';
import { DEFAULT_SPLIT_RATIOS, splitForGroup, type SplitRatios } from './split.ts';
import { type ImportIssue, type ImportReport, type ImportSink } from './types.ts';

// The folder layout:
//   real/**/<name>.(png|jpg|jpeg|webp)
//   fake/<manipulation>/**/<name>.(…)
//   masks/<manipulation>/**/<name>.(…)     optional; matched to fake/<manipulation>/**/<name> ignoring the extension
//   manifest.csv | manifest.json           optional; splits (and novelty, group) per image path

export interface FolderImportOptions extends ImportOptions {
  /** Manifest file relative to the root. Default: manifest.csv or manifest.json when present; false ignores them. */
  manifest?: string | false;
  /** Seed and ratios of the split for images without a manifest (by group, see splitForGroup). */
  seed?: number | string;
  ratios?: SplitRatios;
  /** Novelty per manipulation (default 'seen'); a manifest's novelty column wins. */
  novelty?: Record<string, Novelty>;
}

export interface ScanResult {
  candidates: ImportCandidate[];
  issues: ImportIssue[];
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'];

export function isImagePath(p: string): boolean {
  return IMAGE_EXTENSIONS.includes(path.extname(p).toLowerCase());
}

function stripExtension(p: string): string {
  const ext = path.posix.extname(p);
  return ext ? p.slice(0, -ext.length) : p;
}

async function loadManifest(root: string, option: string | false | undefined): Promise<Manifest | null> {
  if (option === false) return null;
  const names = option ? [option] : ['manifest.csv', 'manifest.json'];
  for (const name of names) {
    const file = resolveInside(root, name);
    if (!file) return { entries: new Map(), issues: [{ path: name, code: 'unsafe-path', message: 'manifest path leaves the import folder' }] };
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      if (option) return { entries: new Map(), issues: [{ path: name, code: 'bad-manifest', message: 'manifest file not found' }] };
      continue;
    }
    return name.toLowerCase().endsWith('.json') ? parseManifestJson(text, name) : parseManifestCsv(text, name);
  }
  return null;
}

/** Finds the images, masks and splits of a folder-layout dataset without reading any image. */
export async function scanFolder(root: string, options: FolderImportOptions = {}): Promise<ScanResult> {
  const absRoot = path.resolve(root);
  const { files, issues } = await walkFiles(absRoot);
  const manifest = await loadManifest(absRoot, options.manifest);
  if (manifest) issues.push(...manifest.issues);
  const masks = new Map<string, string>();
  for (const f of files) {
    const parts = f.split('/');
    if (parts[0] === 'masks' && parts.length >= 3 && isImagePath(f)) masks.set(stripExtension(parts.slice(1).join('/')), f);
  }
  const candidates: ImportCandidate[] = [];
  for (const f of files) {
    const parts = f.split('/');
    const isReal = parts[0] === 'real' && parts.length >= 2;
    const isFake = parts[0] === 'fake' && parts.length >= 3;
    if ((!isReal && !isFake) || !isImagePath(f)) continue;
    const manipulation = isFake ? (parts[1] as string) : null;
    const inner = parts.slice(isFake ? 2 : 1);
    // Files in a subfolder (e.g. frames of one video) form one group; loose files are their own group.
    const group = inner.length > 1 ? (inner[0] as string) : stripExtension(inner[0] as string);
    const entry = manifest?.entries.get(f);
    if (manifest && !entry) {
      issues.push({ path: f, code: 'not-in-manifest', message: 'image is not listed in the manifest; skipped' });
      continue;
    }
    const maskPath = isFake ? (masks.get(stripExtension(parts.slice(1).join('/'))) ?? null) : null;
    candidates.push({
      path: f,
      absolutePath: path.join(absRoot, ...parts),
      maskPath,
      maskAbsolutePath: maskPath ? path.join(absRoot, ...maskPath.split('/')) : null,
      label: isFake ? 'fake' : 'real',
      manipulation,
      split: entry?.split ?? splitForGroup(entry?.group ?? group, options.seed ?? 0, options.ratios ?? DEFAULT_SPLIT_RATIOS),
      novelty: entry?.novelty ?? (manipulation ? (options.novelty?.[manipulation] ?? 'seen') : 'seen'),
      group: entry?.group ?? group,
    });
  }
  return { candidates, issues };
}

/** Scans a folder-layout dataset and imports every valid image into the sink; see runImport. */
export async function importFolder(root: string, sink: ImportSink, options: FolderImportOptions = {}): Promise<ImportReport> {
  const { candidates, issues } = await scanFolder(root, options);
  return runImport(candidates, sink, issues, options);
}
