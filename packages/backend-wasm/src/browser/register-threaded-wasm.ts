import type { WasmFileName } from '../create-wasm-backend.js';
import { registerThreadedBackend, type ThreadedPlatform } from '../threaded/register-threaded-backend.js';

const THREADED_WASM: WasmFileName = 'tfjs-backend-wasm-threaded-simd.wasm';

export interface RegisterThreadedWasmInPageOptions {
  /** Where the .wasm files are served: a URL prefix (ending in `/`) or one URL per file name. */
  readonly wasmPaths: string | Partial<Record<WasmFileName, string>>;
  /**
   * Where `@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js` is served
   * verbatim (e.g. Vite's `?url` import). The pool's workers load it; needed when the bundle is
   * minified.
   */
  readonly scriptUrl?: string;
  /** Told why the threaded build is not used, when the call resolves to false. */
  readonly onUnavailable?: (reason: string) => void;
}

/**
 * Registers tfjs's threaded SIMD build as the tfjs backend 'wasm' in a page, with a pool of exactly
 * `threads` threads (tfjs alone sizes it as half the logical cores: 1 on a 2-core machine).
 * The page must be cross-origin isolated (served with `Cross-Origin-Opener-Policy: same-origin`
 * and `Cross-Origin-Embedder-Policy: require-corp`); otherwise it resolves to false and says why.
 * Call it before `tf.setBackend('wasm')`.
 *
 * @example
 * ```ts
 * import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
 * import scriptUrl from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
 * await registerThreadedWasm(2, { wasmPaths: { 'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl }, scriptUrl });
 * ```
 */
export function registerThreadedWasm(threads: number, options: RegisterThreadedWasmInPageOptions): Promise<boolean> {
  const { wasmPaths } = options;
  const url = typeof wasmPaths === 'string' ? `${wasmPaths}${THREADED_WASM}` : wasmPaths[THREADED_WASM];
  return registerThreadedBackend(threads, pagePlatform(url, options.scriptUrl), options.onUnavailable);
}

function pagePlatform(wasmUrl: string | undefined, scriptUrl: string | undefined): ThreadedPlatform<Worker> {
  return {
    missingFeature: () => missingPageFeature(wasmUrl),
    async start(threads) {
      const { startThreadedModuleInPage } = await import('./threaded-module.js');
      return startThreadedModuleInPage(threads, wasmUrl as string, scriptUrl);
    },
  };
}

/** Why this page cannot run the threaded build, or undefined when it can. */
export function missingPageFeature(wasmUrl?: string): string | undefined {
  if (globalThis.crossOriginIsolated !== true) {
    return 'the page is not cross-origin isolated; serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp';
  }
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is not available';
  if (typeof Worker === 'undefined') return 'Web Workers are not available';
  if (wasmUrl === undefined) return `no URL for ${THREADED_WASM}; pass wasmPaths`;
  return undefined;
}
