import { BackendUnavailableError } from '@cvae/core';
import { describeBackendConformance } from '@cvae/core/testing';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeNative } from './native-info.js';
import { nodeBackend } from './node-backend.js';

// tfjs-node needs a TensorFlow C library (`npm run setup:native` builds it from a local one); where
// there is none the suite is skipped with the reason printed, unless CVAE_REQUIRE_NATIVE=1 (set by
// .ci/run once the setup succeeded) makes that a failure.
const requireNative = process.env.CVAE_REQUIRE_NATIVE === '1';
describeBackendConformance(() => nodeBackend(), { skipWhenUnavailable: !requireNative });

describe('nodeBackend()', () => {
  it('either activates "tensorflow" and says which library it runs on, or names the cause and the three fixes', async () => {
    const backend = nodeBackend();
    try {
      await backend.init();
    } catch (error) {
      expect(requireNative, 'CVAE_REQUIRE_NATIVE=1 but the native backend is unavailable').toBe(false);
      expect(error).toBeInstanceOf(BackendUnavailableError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/^\[cvae\] \[backend node\] unavailable: .*tfjs-node.*; fix: \(1\) .*npm install @tensorflow\/tfjs-node.*\(2\) .*tarball.*\(3\) .*wheel/);
      return;
    }
    expect((await import('@tensorflow/tfjs-core')).getBackend()).toBe('tensorflow');
    const info = backend.native()!;
    expect(info.tensorflowVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(existsSync(info.libraryPath)).toBe(true);
    expect(describeNative(info)).toMatch(/^TensorFlow \d+\.\d+\.\d+.* \(\/.*\), intra-op threads .*, inter-op threads /);
  });

  it('refuses a thread count that is not a positive integer, before loading anything', async () => {
    await expect(nodeBackend({ intraOpThreads: 0 }).init()).rejects.toThrow(/TF_NUM_INTRAOP_THREADS must be a positive integer, got 0/);
    await expect(nodeBackend({ interOpThreads: 1.5 }).init()).rejects.toThrow(/TF_NUM_INTEROP_THREADS must be a positive integer/);
  });
});
