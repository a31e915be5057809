import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const appDir = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // The app's own import alias (tsconfig "paths"), for the editor modules the logic tests import.
  resolve: { alias: { '@': path.join(appDir, 'src') } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One production server for all files; files run one after another against it.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
