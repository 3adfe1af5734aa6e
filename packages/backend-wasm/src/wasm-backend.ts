import type { Backend } from '@cvae/core';
import { createWasmBackend, type CommonWasmOptions, type WasmPlatform } from './create-wasm-backend.js';

/** Options of {@link wasmBackend}. */
export interface WasmBackendOptions extends CommonWasmOptions {
  /**
   * Compute threads. In Node the default is the number of cores (at most 4), using tfjs's threaded
   * SIMD build; 1 selects the single-threaded SIMD build. (Browsers: `@cvae/backend-wasm/browser`.)
   */
  readonly threads?: number;
}

/**
 * The WebAssembly backend (tfjs-backend-wasm, SIMD build) for Node; bundlers targeting browsers
 * get `@cvae/backend-wasm/browser` through the `browser` export condition.
 * It trains conv nets: tfjs registers no Conv2DBackpropFilter kernel for wasm, so `init()`
 * registers ours (kernels/conv2d-backprop-filter.ts, built from wasm kernels), and replaces
 * tfjs's slow wasm Conv2DBackpropInput (a plain loop) with stride-1 convolutions (XNNPACK).
 * It also registers `HeapAdam` as core's Adam on wasm (one pass per variable in the wasm heap).
 *
 * @example
 * ```ts
 * const backend = wasmBackend();
 * await backend.init();
 * ```
 */
export function wasmBackend(options: WasmBackendOptions = {}): Backend {
  return createWasmBackend(options, nodePlatform);
}

const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;

const nodePlatform: WasmPlatform = {
  async defaultThreads() {
    if (!isNode) return 1;
    const { availableParallelism } = await import('node:os');
    return Math.min(4, availableParallelism());
  },
  async registerThreaded(threads, _wasmPaths, onUnavailable) {
    if (!isNode) {
      onUnavailable?.('this is the Node entry of @cvae/backend-wasm; in browsers import @cvae/backend-wasm/browser');
      return false;
    }
    const { registerThreadedWasm } = await import('./threaded/load-threaded-wasm.js');
    return registerThreadedWasm(threads, { onUnavailable });
  },
};
