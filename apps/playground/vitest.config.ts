import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

// End-to-end tests: they build nothing themselves (nx runs `build` first) and drive Chromium.
export default mergeConfig(sharedConfig, defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 300_000 } }));
