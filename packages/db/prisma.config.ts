// Prisma CLI configuration. Only `prisma generate` is run through the CLI here: migrations go through
// Prisma's schema engine compiled to WASM (packages/db/src/migrate), because the native engine binary
// cannot be downloaded on offline machines. On a machine that has it, `prisma migrate deploy` works too.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/lae_studio' },
});
