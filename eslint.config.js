// One lint config for the whole monorepo.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The Prisma model delegates (prisma/schema.prisma, camel-cased) and their query methods.
const PRISMA_MODELS = 'user|project|projectMember|sample|mask|annotationTask|draft|round|modelVersion|modelArtifact|score|auditEvent';
const PRISMA_METHODS = 'findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|count|aggregate|groupBy';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/.next/**', '**/dist/**', '**/generated/**', '.data/**', '**/next-env.d.ts', 'reports/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Data access lives in packages/db only (one verb-named function per file): no Prisma client, model delegate
    // or raw query anywhere else. Tests, benches and test scaffolding may read and seed rows directly.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['packages/db/**', '**/*.test.ts', '**/test/**', '**/bench/**', '**/testing.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@prisma/*', '**/generated/prisma/**'], message: 'Prisma is packages/db’s: call a data-access function from @lae-studio/db.' }] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.object.property.name=/^(${PRISMA_MODELS})$/][callee.property.name=/^(${PRISMA_METHODS})$/]`,
          message: 'A Prisma model delegate outside packages/db: add (or use) a data-access function in packages/db.',
        },
        { selector: 'MemberExpression[property.name=/^\\$(queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe|transaction)$/]', message: 'Raw SQL and transactions belong in packages/db.' },
      ],
    },
  },
  {
    // Configuration is validated where it is declared: only env.ts files (and test/CI scaffolding) read process.env.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/env.ts', '**/*.test.ts', '**/test/**', 'scripts/**', '**/vitest.config.ts', '**/next.config.ts', '**/prisma.config.ts', '**/bench/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the package env.ts (zod-validated).' }],
    },
  },
);
