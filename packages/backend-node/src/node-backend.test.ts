import { BackendUnavailableError } from '@cvae/core';
import { describeBackendConformance } from '@cvae/core/testing';
import { describe, expect, it } from 'vitest';
import { nodeBackend } from './node-backend.js';

// tfjs-node cannot be installed on machines without access to its libtensorflow download;
// there the suite is skipped with the reason printed, and the error itself is checked below.
describeBackendConformance(() => nodeBackend(), { skipWhenUnavailable: true });

describe('nodeBackend()', () => {
  it('either activates "tensorflow" or explains why it cannot and how to fix it', async () => {
    try {
      await nodeBackend().init();
      expect((await import('@tensorflow/tfjs-core')).getBackend()).toBe('tensorflow');
    } catch (error) {
      expect(error).toBeInstanceOf(BackendUnavailableError);
      expect((error as Error).message).toMatch(/^\[cvae\] \[backend node\] unavailable: .*tfjs-node.*; fix: .*npm install @tensorflow\/tfjs-node/);
    }
  });
});
