import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Shared vitest settings: tests import workspace packages from source, so a change in core is
 * seen by the dataset and backend tests without a rebuild. (The CLI test runs the built output.)
 */
export const sharedConfig = defineConfig({
  resolve: {
    alias: [
      { find: /^@cvae\/core\/testing$/, replacement: src('./packages/core/testing/index.ts') },
      { find: /^@cvae\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@cvae\/datasets$/, replacement: src('./packages/datasets/src/index.ts') },
      { find: /^@cvae\/backend-wasm$/, replacement: src('./packages/backend-wasm/src/index.ts') },
      { find: /^@cvae\/backend-node$/, replacement: src('./packages/backend-node/src/index.ts') },
      { find: /^@cvae\/plugin-sample$/, replacement: src('./apps/plugin-sample/src/index.ts') },
    ],
  },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Training tests are CPU-bound; one file at a time keeps timings sane on 2 cores.
    fileParallelism: false,
    include: ['src/**/*.test.ts', 'testing/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
