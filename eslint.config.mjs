// Lint: typescript-eslint + prettier compatibility, and the layering rules of DESIGN.md §3.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const ELECTRON_ONLY = {
  name: 'electron',
  message: 'Only src/main/index.ts, src/main/electron/ and src/preload/ may import electron: domain code runs under plain Node.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY] }],
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/electron/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_ONLY],
          patterns: [{ group: ['**/main/**', 'node:*'], message: 'The renderer talks to main only through window.irm (src/renderer/src/api.ts).' }],
        },
      ],
    },
  },
  {
    // Renderer component tests run on the real backend: test files and their support may use Node,
    // and src/renderer/src/testing/ (workbench.ts, the one door) may import src/main. Electron stays out.
    files: ['src/renderer/**/*.test.{ts,tsx}', 'src/renderer/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_ONLY],
          patterns: [{ group: ['**/main/**'], message: 'Renderer tests reach src/main only through src/renderer/src/testing/workbench.ts.' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/src/testing/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON_ONLY] }] },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_ONLY],
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', 'node:*', 'react', 'react-dom'],
              message: 'src/shared is pure TypeScript: it imports only itself (and zod).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
