import { normalizeManifestPath } from '../manifest.ts';

// Matching masks to samples by file name. Tools rename paths (Label Studio prefixes uploads with a hash,
// COCO files often keep only the base name, exports may sit under another root), so a mask's name matches
// a sample when the trailing path segments agree, extension ignored. The longest agreeing tail wins; a
// tail shared by several samples is ambiguous and is reported rather than guessed.

export interface SampleRef {
  id: string;
  sourceName: string | null;
  width: number;
  height: number;
  label: 'real' | 'fake';
}

export type MatchResult<S> = { kind: 'found'; sample: S } | { kind: 'none' } | { kind: 'ambiguous'; count: number };

function segments(name: string): string[] {
  const parts = normalizeManifestPath(name).split('/').filter(Boolean);
  const last = parts.at(-1);
  if (last) parts[parts.length - 1] = last.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return parts;
}

/** Label Studio stores uploads as `<8 hex>-<original name>`. */
const UPLOAD_PREFIX = /^[0-9a-f]{8}-/;

export class SampleNameIndex<S extends SampleRef> {
  private readonly byTail = new Map<string, S[]>();
  private readonly byId = new Map<string, S>();

  constructor(samples: readonly S[]) {
    for (const s of samples) {
      this.byId.set(s.id, s);
      const parts = segments(s.sourceName ?? s.id);
      for (let i = 0; i < parts.length; i++) {
        const key = parts.slice(i).join('/');
        const list = this.byTail.get(key);
        if (list) list.push(s);
        else this.byTail.set(key, [s]);
      }
    }
  }

  private lookup(parts: string[]): MatchResult<S> {
    for (let i = 0; i < parts.length; i++) {
      const found = this.byTail.get(parts.slice(i).join('/'));
      if (found?.length === 1) return { kind: 'found', sample: found[0]! };
      if (found && found.length > 1) return { kind: 'ambiguous', count: found.length };
    }
    return { kind: 'none' };
  }

  match(name: string): MatchResult<S> {
    const byId = this.byId.get(name);
    if (byId) return { kind: 'found', sample: byId };
    const parts = segments(name);
    const direct = this.lookup(parts);
    const last = parts.at(-1) ?? '';
    if (direct.kind !== 'none' || !UPLOAD_PREFIX.test(last)) return direct;
    return this.lookup([...parts.slice(0, -1), last.replace(UPLOAD_PREFIX, '')]);
  }
}
