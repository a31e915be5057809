// Install step: builds the oneDNN addon when the headers are there, and otherwise says why not and succeeds, so
// `npm ci` never fails for it (LAE then runs its wasm kernels). LAE_NATIVE_BUILD=0 skips it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const say = (msg) => console.log(`@lae-studio/lae-native: ${msg}`);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function main() {
  if (process.env.LAE_NATIVE_BUILD === '0') return say('skipped (LAE_NATIVE_BUILD=0); LAE trains with the wasm kernels');
  const include = ['/usr/include', '/usr/local/include', ...(process.env.CPATH ?? '').split(':').filter(Boolean)];
  if (!include.some((d) => existsSync(join(d, 'dnnl.hpp')))) {
    return say('not built: oneDNN headers not found (Debian/Ubuntu: `apt-get install libdnnl-dev`, then `npm rebuild @lae-studio/lae-native`); LAE trains with the wasm kernels, 2–3× slower');
  }
  const gyp = process.env.npm_config_node_gyp ?? createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js', { paths: [join(process.execPath, '../../lib/node_modules/npm')] });
  const args = [gyp, 'rebuild'];
  // Node's own headers (Debian's nodejs, the official images) instead of a download that fails offline.
  const nodedir = join(process.execPath, '../..');
  if (!process.env.npm_config_nodedir && existsSync(join(nodedir, 'include/node/node_api.h'))) args.push(`--nodedir=${nodedir}`);
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (r.status === 0) return say('built the native kernels (build/Release/lae_native.node)');
  const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n');
  say(`build failed, LAE trains with the wasm kernels. node-gyp said:\n${tail}`);
}

main();
