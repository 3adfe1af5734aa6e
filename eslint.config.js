// Lint rules, including the package boundaries of docs/architecture.md:
// core imports no backend, dataset, app, `fs` or `path`; packages never import apps;
// backends and datasets do not import each other; the sample plugin, like any third-party
// plugin, sees @cvae/core's public entries only; the playground (an app that runs in a page)
// reaches no Node built-ins, no Node-only package and no package's internals from src/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeFileSystem = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'node:path'];
const restrict = (message, patterns, paths = []) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }], paths: paths.map((name) => ({ name, message })) }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'runs/**', '.nx/**', '**/*.mjs', '**/vitest.config.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts', 'packages/core/testing/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict('core is backend-agnostic and browser-safe: no backends, datasets, apps, fs or path.', [
      '@cvae/backend-*',
      '@cvae/datasets',
      '@cvae/cli',
      '@cvae/plugin-*',
      '@tensorflow/tfjs-backend-*',
      '@tensorflow/tfjs-node',
      ...nodeFileSystem,
    ]),
  },
  {
    files: ['packages/backend-*/src/**/*.ts'],
    rules: restrict('backends depend on core only (not on datasets, other backends or apps).', [
      '@cvae/datasets',
      '@cvae/cli',
      '@cvae/plugin-*',
      '../../*/src/*',
    ]),
  },
  {
    files: ['packages/datasets/src/**/*.ts'],
    // Tests may pick a backend to run models on; the package itself may not.
    ignores: ['**/*.test.ts'],
    rules: restrict('datasets depend on core only (not on backends or apps).', [
      '@cvae/backend-*',
      '@cvae/cli',
      '@cvae/plugin-*',
      '@tensorflow/tfjs-backend-*',
      '@tensorflow/tfjs-node',
      '../../*/src/*',
    ]),
  },
  {
    files: ['apps/plugin-sample/src/**/*.ts'],
    rules: restrict('a dataset plugin depends on the public entries of @cvae/core only (not datasets, backends, tfjs or apps).', [
      '@cvae/*',
      '!@cvae/core',
      '@cvae/core/*',
      '!@cvae/core/testing',
      '@cvae/core/testing/*',
      '@tensorflow/*',
      '../../*',
    ]),
  },
  {
    files: ['apps/playground/src/**/*.ts'],
    rules: {
      ...restrict('the playground runs in a page: public browser entries of our packages only, no Node built-ins or Node-only packages.', [
        'node:*',
        ...nodeFileSystem,
        'os',
        'crypto',
        'worker_threads',
        '@cvae/backend-node',
        '@cvae/datasets/*',
        '!@cvae/datasets/browser',
        '@cvae/cli',
        '@cvae/core/*',
        '@cvae/backend-wasm/*',
        '!@cvae/backend-wasm/browser',
        '@tensorflow/tfjs-node',
        '../../*',
        // A pattern naming a package matches its subpaths too: its Node entry is an exact path instead.
      ], ['@cvae/datasets']),
    },
  },
);
