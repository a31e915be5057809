// The editor's logic tests alone, without the production server (the main config's global setup):
//   npx vitest run --config test/workspace/unit.config.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig({
  root: appDir,
  resolve: { alias: { '@': path.join(appDir, 'src') } },
  test: { include: ['test/workspace-editor*.test.ts'], environment: 'node' },
});
