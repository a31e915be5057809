import { defineConfig } from 'vitest/config';

// Real PostgreSQL, object storage and image generation: 5 s (vitest's default) is a timing assertion on a busy machine.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
