import * as tf from '@tensorflow/tfjs-core';
import type { Backend } from '@cvae/core';
import { createWasmBackend, type CommonWasmOptions, type WasmPlatform } from '../create-wasm-backend.js';
import { registerThreadedWasm } from './register-threaded-wasm.js';

export interface BrowserWasmBackendOptions extends CommonWasmOptions {
  /**
   * Compute threads. Default: in a cross-origin-isolated page, `navigator.hardwareConcurrency`
   * (at most 4) with tfjs's threaded SIMD build and a pool of exactly that size; otherwise 1
   * (the single-threaded SIMD build).
   */
  readonly threads?: number;
  /**
   * Where the .wasm files are served: a URL prefix ending in `/`, or one URL per file name (e.g.
   * from a bundler's asset imports). Required in pages: bundlers do not copy them by themselves.
   */
  readonly wasmPaths: CommonWasmOptions['wasmPaths'];
  /**
   * Where `@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js` is served
   * verbatim (Vite: `import url from '…/tfjs-backend-wasm-threaded-simd.js?url'`). The thread
   * pool's workers load it; without it, threads work only in unminified bundles.
   */
  readonly threadedScriptUrl?: string;
}

/**
 * The WebAssembly backend for browsers (the `browser` export condition of `@cvae/backend-wasm`,
 * or `@cvae/backend-wasm/browser`). SIMD always; threads when the page is cross-origin isolated.
 * No Node built-ins are reachable from here.
 *
 * @example
 * ```ts
 * const backend = wasmBackend({ wasmPaths: '/wasm/', threadedScriptUrl: '/wasm/tfjs-backend-wasm-threaded-simd.js' });
 * await backend.init();
 * console.log(backend.capabilities.threads);
 * ```
 */
export function wasmBackend(options: BrowserWasmBackendOptions): Backend {
  return createWasmBackend(options, pagePlatform(options.threadedScriptUrl));
}

const pagePlatform = (scriptUrl: string | undefined): WasmPlatform => ({
  defaultThreads() {
    if (globalThis.crossOriginIsolated !== true) return 1;
    return Math.max(1, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 1));
  },
  async registerThreaded(threads, wasmPaths, onUnavailable) {
    const ok = wasmPaths !== undefined && (await registerThreadedWasm(threads, { wasmPaths, scriptUrl, onUnavailable }));
    if (wasmPaths === undefined) onUnavailable?.('no wasmPaths given; using the single-threaded SIMD build');
    return ok;
  },
  singleThreaded() {
    // tfjs would otherwise pick its threaded build in an isolated page, with a pool of
    // hardwareConcurrency / 2: keep "1 thread" honest with the single-threaded SIMD build.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  },
});
