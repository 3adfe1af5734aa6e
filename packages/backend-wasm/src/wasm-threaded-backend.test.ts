import { describeBackendConformance } from '@cvae/core/testing';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { wasmBackend } from './wasm-backend.js';

// The threaded SIMD build with two threads (the default on a 2-core machine).
const backend = () => wasmBackend({ threads: 2, onFallback: (reason) => console.warn(`wasm threads fell back: ${reason}`) });
describeBackendConformance(backend);

describe('wasmBackend({ threads: 2 })', () => {
  it('reports two threads after init where the machine has two cores', async (context) => {
    if (availableParallelism() < 2) context.skip(`needs 2 cores, this machine has ${availableParallelism()}`);
    const b = backend();
    await b.init();
    expect(b.capabilities.threads).toBe(2);
  });
});
