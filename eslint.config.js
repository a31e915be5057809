// One lint config for the whole monorepo.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    // Configuration is validated where it is declared: only env.ts files (and test/CI scaffolding) read process.env.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/env.ts', '**/*.test.ts', '**/test/**', 'scripts/**', '**/vitest.config.ts', '**/next.config.ts', '**/prisma.config.ts', '**/bench/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through the package env.ts (zod-validated).' }],
    },
  },
);
