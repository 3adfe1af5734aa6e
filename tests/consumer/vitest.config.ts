import { defineConfig } from 'vitest/config';

// The consumer test packs, installs and runs a whole project: minutes, not seconds.
export default defineConfig({ test: { include: ['*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 } });
