import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root, found from this file's location (packages/db/src/migrate). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const schemaPath = path.join(repoRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(repoRoot, 'prisma', 'migrations');
