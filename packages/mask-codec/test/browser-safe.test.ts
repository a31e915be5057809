import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The annotation editor bundles this package for the browser: its source must not reach for Node.
const srcDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('browser safety', () => {
  it('no Node built-ins, Buffer or process in src/', () => {
    const files = sources(srcDir);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"](node:|fs|path|crypto|zlib|stream|os)['"/]/);
      expect(text, file).not.toMatch(/\bBuffer\.|\bprocess\.|\brequire\(/);
    }
  });

  it('depends only on pure-JS packages', () => {
    const pkg = JSON.parse(readFileSync(path.join(srcDir, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(['fast-png']);
  });
});
