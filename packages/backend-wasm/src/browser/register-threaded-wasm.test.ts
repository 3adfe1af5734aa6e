import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { missingPageFeature, registerThreadedWasm } from './register-threaded-wasm.js';

// The page itself is covered by apps/playground's browser tests; here, what can be checked in Node.
describe('the browser threaded loader, outside a cross-origin-isolated page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the missing isolation headers', () => {
    expect(missingPageFeature('/x.wasm')).toMatch(/not cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin.*Cross-Origin-Embedder-Policy: require-corp/);
  });

  it('asks for wasmPaths when it has no URL for the threaded .wasm', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    vi.stubGlobal('Worker', class {});
    expect(missingPageFeature(undefined)).toMatch(/no URL for tfjs-backend-wasm-threaded-simd\.wasm/);
    expect(missingPageFeature('/x.wasm')).toBeUndefined();
  });

  it('resolves false with the reason and leaves tfjs registry untouched', async () => {
    const before = tf.findBackendFactory('wasm');
    let reason = '';
    await expect(registerThreadedWasm(2, { wasmPaths: '/wasm/', onUnavailable: (why) => (reason = why) })).resolves.toBe(false);
    expect(reason).toMatch(/not cross-origin isolated/);
    expect(tf.findBackendFactory('wasm')).toBe(before);
  });

  it('refuses thread counts the pool cannot have', async () => {
    await expect(registerThreadedWasm(0, { wasmPaths: '/wasm/' })).rejects.toThrow(/\[cvae\] \[backend wasm\] threads must be an integer/);
    await expect(registerThreadedWasm(9, { wasmPaths: '/wasm/' })).rejects.toThrow(/from 1 to 8/);
  });
});
