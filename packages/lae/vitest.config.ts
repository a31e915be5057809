import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Quiet the internal logger in tests.
    env: { LAE_LOG: '0', LAE_THREADS: '1' },
  },
});
