import { type Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type ImportIssue } from './types.ts';

export interface WalkResult {
  /** Regular files under the root, as POSIX paths relative to it, sorted. */
  files: string[];
  issues: ImportIssue[];
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Turns an OS path under `root` into the POSIX relative form used in reports and manifests. */
export function toPosixRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * Lists files under `dir` (itself under `root`). Symlinks are followed only when their real target stays
 * inside the root's real path; others are reported as unsafe and skipped, so an import never reads outside
 * the folder it was pointed at. Each real directory is visited once (no symlink loops).
 */
export async function walkFiles(root: string, dir = root): Promise<WalkResult> {
  const realRoot = await fs.realpath(root);
  const files: string[] = [];
  const issues: ImportIssue[] = [];
  const seen = new Set<string>();
  const visit = async (current: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(current);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(current, { withFileTypes: true });
    } catch (error) {
      issues.push({ path: toPosixRelative(root, current), code: 'unreadable', message: (error as Error).message });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const rel = toPosixRelative(root, full);
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await fs.realpath(full);
        } catch {
          issues.push({ path: rel, code: 'unsafe-path', message: 'dangling symlink' });
          continue;
        }
        if (!isInside(realRoot, target)) {
          issues.push({ path: rel, code: 'unsafe-path', message: 'symlink points outside the import folder; refused' });
          continue;
        }
        const stat = await fs.stat(full);
        if (stat.isDirectory()) await visit(full);
        else if (stat.isFile()) files.push(rel);
      } else if (entry.isDirectory()) {
        await visit(full);
      } else if (entry.isFile()) {
        files.push(rel);
      }
    }
  };
  if (!isInside(realRoot, await fs.realpath(dir))) {
    return { files, issues: [{ path: toPosixRelative(root, dir), code: 'unsafe-path', message: 'folder resolves outside the import root' }] };
  }
  await visit(dir);
  files.sort();
  return { files, issues };
}

/** Resolves a manifest path inside the root, or null when it would escape (absolute, `..`, NUL). */
export function resolveInside(root: string, rel: string): string | null {
  if (rel.includes('\0') || path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return null;
  const full = path.resolve(root, rel);
  return isInside(path.resolve(root), full) ? full : null;
}
